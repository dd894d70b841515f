package io.zohocamel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SandboxUploadTest {

    private ZohoSandbox sandbox;
    private SandboxHttp http;
    private String token;

    @BeforeEach
    void start() {
        sandbox = new ZohoSandbox().start();
        http = new SandboxHttp(sandbox);
        token = sandbox.mintToken();
    }

    @AfterEach
    void stop() {
        sandbox.stop();
    }

    private static byte[] csvZip(int columns, int rows) {
        StringBuilder sb = new StringBuilder();
        sb.append(IntStream.range(0, columns).mapToObj(i -> "F" + i).collect(Collectors.joining(","))).append("\r\n");
        String line = IntStream.range(0, columns).mapToObj(i -> "v" + i).collect(Collectors.joining(",")) + "\r\n";
        for (int r = 0; r < rows; r++) {
            sb.append(line);
        }
        return SandboxHttp.zip("data.csv", sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsZipWithOneCsvAndLogsIt() {
        SandboxHttp.Reply r = http.upload(csvZip(3, 2), "data.zip", "bulk-write", "org42", token);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("status").asText()).isEqualTo("success");
        assertThat(r.code()).isEqualTo("FILE_UPLOAD_SUCCESS");
        assertThat(r.json().path("message").asText()).isEqualTo("file uploaded.");
        String fileId = r.json().path("details").path("file_id").asText();
        assertThat(fileId).matches("\\d{19}");
        assertThat(r.json().path("details").path("created_time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*[+-]\\d\\d:\\d\\d");

        assertThat(sandbox.uploads()).singleElement().satisfies(u -> {
            assertThat(u.fileId()).isEqualTo(fileId);
            assertThat(u.fileName()).isEqualTo("data.csv");
            assertThat(u.header()).containsExactly("F0", "F1", "F2");
            assertThat(u.rowCount()).isEqualTo(2);
            assertThat(u.orgId()).isEqualTo("org42");
            assertThat(u.headers().get("feature")).containsExactly("bulk-write");
        });
        assertThat(sandbox.calls("POST", ZohoSandbox.UPLOAD)).isEqualTo(1);
    }

    @Test
    void rowLimitIs25000() {
        assertThat(http.upload(csvZip(2, 25_000), "ok.zip", "bulk-write", null, token).status()).isEqualTo(200);

        SandboxHttp.Reply r = http.upload(csvZip(2, 25_001), "big.zip", "bulk-write", null, token);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("LIMIT_EXCEEDED");
        assertThat(r.json().path("details").path("api_name").asText()).isEqualTo("rows");
        assertThat(sandbox.uploads()).hasSize(1);
    }

    @Test
    void columnLimitIs200() {
        assertThat(http.upload(csvZip(200, 1), "ok.zip", "bulk-write", null, token).status()).isEqualTo(200);

        SandboxHttp.Reply r = http.upload(csvZip(201, 1), "wide.zip", "bulk-write", null, token);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("LIMIT_EXCEEDED");
        assertThat(r.json().path("details").path("api_name").asText()).isEqualTo("columns");
    }

    @Test
    void refusesWhatIsNotAZipOfOneCsv() {
        SandboxHttp.Reply plain = http.upload("a,b\r\n1,2\r\n".getBytes(StandardCharsets.UTF_8), "x.csv", "bulk-write",
                null, token);
        assertThat(plain.status()).isEqualTo(400);
        assertThat(plain.code()).isEqualTo("INVALID_FILE_FORMAT");

        SandboxHttp.Reply txt = http.upload(SandboxHttp.zip("notes.txt", "hello".getBytes(StandardCharsets.UTF_8)),
                "x.zip", "bulk-write", null, token);
        assertThat(txt.code()).isEqualTo("INVALID_FILE_FORMAT");
    }

    @Test
    void refusesMissingFeatureHeaderAndOversizedFiles() {
        SandboxHttp.Reply noFeature = http.upload(csvZip(2, 1), "x.zip", null, null, token);
        assertThat(noFeature.status()).isEqualTo(400);
        assertThat(noFeature.code()).isEqualTo("MANDATORY_NOT_FOUND");
        assertThat(noFeature.json().path("details").path("api_name").asText()).isEqualTo("feature");

        byte[] huge = new byte[(int) SandboxUploads.MAX_ZIP_BYTES + 1];
        huge[0] = 'P';
        huge[1] = 'K';
        SandboxHttp.Reply tooLarge = http.upload(huge, "huge.zip", "bulk-write", null, token);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.code()).isEqualTo("FILE_TOO_LARGE");
    }

    @Test
    void uploadNeedsAValidTokenWithBulkScope() {
        SandboxHttp.Reply r = http.upload(csvZip(2, 1), "x.zip", "bulk-write", null,
                sandbox.mintToken(java.util.Set.of(ZohoSandbox.SCOPE_MASS_UPDATE)));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.code()).isEqualTo("OAUTH_SCOPE_MISMATCH");
    }
}
