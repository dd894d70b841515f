package io.zohocamel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /download/bulk-write/{id}.zip as Zoho's SDKs read it: a ZIP named by its Content-Disposition. */
class SandboxResultDownloadTest {

    private static final Duration STEP = Duration.ofSeconds(10);

    @RegisterExtension
    final RunningSandbox running = new RunningSandbox(SandboxSettings.defaults().withJobStep(STEP));

    @Test
    void resultZipCarriesItsFileNameAsTheSdkParsesIt() {
        SandboxHttp http = running.http();
        String token = running.sandbox().mintToken();
        String fileId = http.uploadCsv("leads.csv", "Last_Name\r\nAda\r\n", token);
        SandboxHttp.Reply created = http.post("/crm/bulk/v8/write", "{\"operation\":\"insert\",\"resource\":[{"
                + "\"type\":\"data\",\"module\":{\"api_name\":\"Leads\"},\"file_id\":\"" + fileId + "\","
                + "\"field_mappings\":[{\"api_name\":\"Last_Name\",\"index\":0}]}]}", token);
        String jobId = created.json().path("details").path("id").asText();
        running.sandbox().advanceTime(STEP.multipliedBy(2));

        SandboxHttp.Reply zip = http.get("/download/bulk-write/" + jobId + ".zip", token);
        assertThat(zip.status()).as(zip.text()).isEqualTo(200);
        assertThat(zip.header("Content-Type")).isEqualTo("application/zip");
        String disposition = zip.header("Content-Disposition");
        assertThat(disposition).isEqualTo("attachment; filename=\"" + jobId + ".zip\"");
        // utils/util/downloader.js: no "'" in the header, so the name is what follows the last "=", unquoted
        assertThat(disposition.substring(disposition.lastIndexOf('=') + 1).replace("\"", "")).isEqualTo(jobId + ".zip");
        assertThat(SandboxHttp.unzipSingle(zip.raw())).startsWith("Last_Name,STATUS,RECORD_ID,ERRORS");
    }
}
