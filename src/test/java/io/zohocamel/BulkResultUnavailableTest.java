package io.zohocamel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.zohocamel.support.RuntimeTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bulk-results route when Zoho's result file cannot be had (here: larger than bulk.max-result-bytes):
 * the file still completes, and its rows say why in result.csv and failed.csv instead of waiting forever.
 */
class BulkResultUnavailableTest extends RuntimeTestSupport {

    @Override
    protected Map<String, String> settings() {
        return Map.of("poll.period", "300ms", "poll.max-interval", "1s", "zoho.sandbox.job-step", "200ms",
                "bulk.scan-interval", "200", "bulk.read-lock-interval", "200", "bulk.read-lock-min-age", "300",
                "bulk.max-result-bytes", "16");
    }

    @Test
    void aResultFileTooLargeToFetchFailsItsRowsWithTheReason() throws Exception {
        Path staged = dataDir.resolve("staging/leads.csv");
        Files.createDirectories(staged.getParent());
        Files.writeString(staged, "Last_Name,Company\nAda,Acme\nGrace,Navy\n", StandardCharsets.UTF_8);
        Path target = dataDir.resolve("inbox/Leads/insert/leads.csv");
        Files.createDirectories(target.getParent());
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);

        Path result = dataDir.resolve("reports/Leads/insert/leads.result.csv");
        await("leads.result.csv", Duration.ofSeconds(60), () -> Files.exists(result));
        List<String> lines = Files.readAllLines(result, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        assertThat(lines.subList(1, 3)).allSatisfy(line -> assertThat(line)
                .contains("DOWNLOAD_TOO_LARGE").contains("result file could not be fetched"));
        assertThat(Files.readAllLines(dataDir.resolve("reports/Leads/insert/leads.failed.csv"), StandardCharsets.UTF_8))
                .hasSize(3);
        assertThat(Files.readString(dataDir.resolve("reports/Leads/insert/leads.report.json")))
                .containsPattern("\"status\" *: *\"COMPLETED\"");
    }
}
