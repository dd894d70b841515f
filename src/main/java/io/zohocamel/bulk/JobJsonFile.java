package io.zohocamel.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.zohocamel.common.Json;

/**
 * Reads a folder's job.json as a partner with write access to the inbox may have left it: never
 * through a link that leads out of the inbox, never more than {@link #MAX_BYTES}, and never with a
 * parser's view of its content in the error (a job.json linked to a secret must not echo it).
 */
final class JobJsonFile {

    /**
     * 64 KiB. A real job.json is a few KB (a rename and a format for each of the 200 columns Zoho
     * accepts is about 25 KB), and the job store keeps a copy of the spec in a column of 100,000
     * characters: a larger job.json could not be recorded, so it is refused here, with a reason.
     */
    static final int MAX_BYTES = 64 * 1024;

    /** Messages without the content they stopped at; nothing after the object. */
    private static final ObjectReader READER = Json.MAPPER.reader()
            .without(JsonParser.Feature.INCLUDE_SOURCE_IN_LOCATION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Our own words for Jackson's messages, which quote the content they stopped at. First match wins. */
    private static final Map<String, String> KINDS = orderedKinds();

    private JobJsonFile() {
    }

    /** The parsed job.json, or null when the folder has none. */
    static JsonNode read(Path jobJson, Path inboxReal) {
        if (!Files.exists(jobJson, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            Path real;
            try {
                real = jobJson.toRealPath();
            } catch (IOException dangling) {
                throw outside();
            }
            if (!real.startsWith(inboxReal)) {
                throw outside();
            }
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                throw new BulkInputException(BulkInputException.INVALID_JOB_JSON, "job.json is not a regular file");
            }
            if (attributes.size() > MAX_BYTES) {
                throw tooLarge();
            }
            byte[] bytes;
            // bounded: the file may have grown since its size was read
            try (InputStream in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
            if (bytes.length > MAX_BYTES) {
                throw tooLarge();
            }
            return READER.readTree(bytes);
        } catch (JsonProcessingException e) {
            // not e as the cause: its message quotes the content
            throw new BulkInputException(BulkInputException.INVALID_JOB_JSON, "job.json is not valid JSON" + where(e)
                    + ": " + kind(e));
        } catch (IOException e) {
            throw new BulkInputException(BulkInputException.INVALID_JOB_JSON, "job.json cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static BulkInputException outside() {
        return new BulkInputException(BulkInputException.OUTSIDE_INBOX, "job.json is a link that leads out of the inbox "
                + "(or nowhere), so it was not read; put the job.json file itself in this folder");
    }

    private static BulkInputException tooLarge() {
        return new BulkInputException(BulkInputException.JOB_JSON_TOO_LARGE, "job.json has more than "
                + String.format(Locale.ROOT, "%,d", MAX_BYTES) + " bytes, more than any job.json needs, so it was not "
                + "read; fix job.json (find_by, ignore_empty, delimiter, rename, columns), then drop the file again");
    }

    private static String where(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? "" : " near line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    private static String kind(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return "nested too deeply, or a name, text or number too long";
        }
        String original = String.valueOf(e.getOriginalMessage());
        return KINDS.entrySet().stream().filter(k -> original.startsWith(k.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse("not JSON there");
    }

    private static Map<String, String> orderedKinds() {
        Map<String, String> kinds = new java.util.LinkedHashMap<>();
        kinds.put("Unexpected end-of-input", "it ends before the JSON does (a missing } ] or \")");
        kinds.put("Unexpected close marker", "a } or ] that closes nothing");
        kinds.put("Unexpected character", "an unexpected character (a missing comma, colon or quote?)");
        kinds.put("Unrecognized token", "a word that is not JSON (text needs double quotes)");
        kinds.put("Unrecognized character escape", "a backslash escape JSON does not know");
        kinds.put("Illegal unquoted character", "a control character inside a text (write it escaped)");
        kinds.put("Invalid UTF-8", "bytes that are not UTF-8 (save job.json as UTF-8)");
        kinds.put("Trailing token", "more content after the JSON object");
        kinds.put("Non-standard token", "a number JSON does not allow (NaN, Infinity)");
        kinds.put("Invalid numeric value", "an invalid number");
        kinds.put("Leading zeroes", "an invalid number (leading zeroes)");
        kinds.put("Numeric value", "a number out of range");
        return java.util.Collections.unmodifiableMap(kinds);
    }
}
