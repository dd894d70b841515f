package io.zohocamel.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Small real-HTTP client for the sandbox tests (java.net.http, HTTP/1.1). */
final class SandboxHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    record Reply(int status, byte[] raw, HttpHeaders headers) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String text() {
            return new String(raw, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return raw.length == 0 ? null : JSON.readTree(raw);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String code() {
            JsonNode j = json();
            return j == null ? null : j.path("code").asText(null);
        }
    }

    /** Accounts server, API domain and upload host: the sandbox serves all three on one address. */
    private final String baseUrl;

    SandboxHttp(ZohoSandbox sandbox) {
        this(sandbox.baseUrl());
    }

    SandboxHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Reply send(String method, String pathAndQuery, String jsonBody, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        if (jsonBody != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Zoho-oauthtoken " + token);
        }
        return execute(b.build());
    }

    Reply getWithAuthorization(String pathAndQuery, String authorization) {
        return execute(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .header("Authorization", authorization).GET().build());
    }

    Reply get(String pathAndQuery, String token) {
        return send("GET", pathAndQuery, null, token);
    }

    Reply post(String path, String json, String token) {
        return send("POST", path, json, token);
    }

    Reply refresh(String refreshToken) {
        String form = Map.of("grant_type", "refresh_token", "client_id", "cid", "client_secret", "secret",
                        "refresh_token", refreshToken).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return execute(HttpRequest.newBuilder(URI.create(baseUrl + "/oauth/v2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    /**
     * The refresh grant as Zoho's Node SDK sends it (models/authenticator/oauth_token.js, refreshAccessToken):
     * a form-data package body, one text part per field, no query string.
     */
    Reply refreshAsMultipart(String refreshToken) {
        String boundary = "--------------------------" + System.nanoTime();
        StringBuilder body = new StringBuilder();
        Map.of("client_id", "cid", "client_secret", "secret", "grant_type", "refresh_token",
                "refresh_token", refreshToken).forEach((name, value) -> body.append("--").append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        body.append("--").append(boundary).append("--\r\n");
        return execute(HttpRequest.newBuilder(URI.create(baseUrl + "/oauth/v2/token"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    /** Multipart upload of a file part named "file"; feature null = header left out. */
    Reply upload(byte[] zip, String fileName, String feature, String orgId, String token) {
        String boundary = "----sandbox" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(zip);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + "/crm/v8/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Zoho-oauthtoken " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (feature != null) {
            b.header("feature", feature);
        }
        if (orgId != null) {
            b.header("X-CRM-ORG", orgId);
        }
        return execute(b.build());
    }

    /** Uploads a CSV (zipped) and returns its file_id, failing if the upload is refused. */
    String uploadCsv(String name, String csv, String token) {
        Reply r = upload(zip(name, csv.getBytes(StandardCharsets.UTF_8)), name + ".zip", "bulk-write", "org1", token);
        if (r.status() != 200) {
            throw new AssertionError("upload refused: " + r.status() + " " + r.text());
        }
        return r.json().path("details").path("file_id").asText();
    }

    private static Reply execute(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static byte[] zip(String entryName, byte[] content) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry(entryName));
                zip.write(content);
                zip.closeEntry();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The single entry of a ZIP, as text. */
    static String unzipSingle(byte[] zip) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            List<String> entries = new ArrayList<>();
            String text = null;
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries.add(e.getName());
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (entries.size() != 1) {
                throw new AssertionError("expected one entry, got " + entries);
            }
            return text;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
