package io.zohocamel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.RuntimeTestSupport;
import org.apache.camel.BeanInject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small file whose Records API insert is refused for good after its first call went in: the file is refused
 * (error/ and its error.json) as any refused file, and its result.csv and failed.csv still list every row: the
 * 100 that went in with their record ids, the others not sent, with the refusal's code.
 */
class BulkRecordsRefusedTest extends RuntimeTestSupport {

    @BeanInject
    ZohoSandbox sandbox;

    @Override
    protected Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>(QUICK_BULK);
        settings.put("bulk.records-api-max-rows", "5000");
        settings.put("poll.period", "1h");
        return settings;
    }

    @Test
    void aFileRefusedAfterSomeRowsWentInStillListsEveryRow() throws Exception {
        StringBuilder csv = new StringBuilder("Last_Name,Email\n");
        for (int i = 1; i <= 300; i++) {
            csv.append("Part").append(i).append(",part").append(i).append("@example.com\n");
        }
        sandbox.resetObservations();
        sandbox.refuseCalls("POST", ZohoSandbox.RECORDS, 1, "INVALID_DATA");
        drop("Leads/insert/part.csv", csv);

        Path error = dataDir.resolve("error/Leads/insert/part.error.json");
        Path result = dataDir.resolve("reports/Leads/insert/part.result.csv");
        // the report is written last, after result.csv and failed.csv, with their totals
        Path report = dataDir.resolve("reports/Leads/insert/part.report.json");
        await("part.csv refused, with its result files", Duration.ofSeconds(90), () -> Files.exists(error) && hasTotals(report));

        assertThat(Files.readString(error)).contains("INVALID_DATA", "already went to Zoho", "must not be dropped again");
        List<String> rows = Files.readAllLines(result);
        assertThat(rows).hasSize(301);
        for (int i = 1; i <= 300; i++) { // every row, in input order
            assertThat(rows.get(i)).startsWith("Part" + i + ",part" + i + "@example.com,");
        }
        // the first call to reach Zoho went in, the next was refused and ended the file
        assertThat(rows).filteredOn(row -> row.contains(",ADDED,")).hasSize(100);
        assertThat(rows).filteredOn(row -> row.contains(",NOT_PROCESSED,,INVALID_DATA-not sent: the file was refused"))
                .hasSize(200);
        assertThat(Files.readAllLines(dataDir.resolve("reports/Leads/insert/part.failed.csv"))).hasSize(201);
        assertThat(Files.readString(report))
                .containsPattern("\"status\" *: *\"ERROR\"").contains("\"added\" : 100");
    }

    private static boolean hasTotals(Path report) {
        try {
            return Files.readString(report).contains("\"result\"");
        } catch (IOException e) {
            return false; // not written yet
        }
    }
}
