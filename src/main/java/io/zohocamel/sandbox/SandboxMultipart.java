package io.zohocamel.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough multipart/form-data parsing (RFC 7578) for an upload's file part and a token request's fields. */
final class SandboxMultipart {

    record Part(String name, String fileName, byte[] content) {
    }

    private static final Pattern BOUNDARY = Pattern.compile("boundary=(?:\"([^\"]+)\"|([^;\\s]+))",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("[; ]name=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILE_NAME = Pattern.compile("filename=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private SandboxMultipart() {
    }

    /** The part with this field name, or null when the body is not multipart or has no such part. */
    static Part find(String contentType, byte[] body, String fieldName) {
        return parts(contentType, body).stream().filter(p -> fieldName.equals(p.name())).findFirst().orElse(null);
    }

    /** The named parts as text fields (UTF-8): how Zoho's SDKs send the accounts server its form. */
    static Map<String, String> textFields(String contentType, byte[] body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Part part : parts(contentType, body)) {
            if (part.name() != null) {
                fields.putIfAbsent(part.name(), new String(part.content(), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    static boolean isMultipart(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    /** The parts in body order, up to the closing delimiter or the first malformed one; none if not multipart. */
    private static List<Part> parts(String contentType, byte[] body) {
        List<Part> parts = new ArrayList<>();
        Matcher m = isMultipart(contentType) ? BOUNDARY.matcher(contentType) : null;
        if (m == null || !m.find()) {
            return parts;
        }
        String boundary = m.group(1) != null ? m.group(1) : m.group(2);
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] nextDelimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] headerEnd = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        int pos = indexOf(body, delimiter, 0);
        while (pos >= 0) {
            pos += delimiter.length;
            if (pos + 1 < body.length && body[pos] == '-' && body[pos + 1] == '-') {
                return parts; // closing delimiter
            }
            int headersStart = pos + 2; // skip CRLF after the delimiter
            int headersEnd = indexOf(body, headerEnd, headersStart);
            if (headersEnd < 0) {
                return parts;
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            int contentStart = headersEnd + headerEnd.length;
            int contentEnd = indexOf(body, nextDelimiter, contentStart);
            if (contentEnd < 0) {
                return parts;
            }
            parts.add(new Part(group(NAME, headers), group(FILE_NAME, headers),
                    Arrays.copyOfRange(body, contentStart, contentEnd)));
            pos = contentEnd + 2;
        }
        return parts;
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
