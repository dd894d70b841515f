package io.zohocamel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.zohocamel.bulk.BulkFolders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Broken and hostile file contents: each ends in error/ with an .error.json that says why, nothing
 * reaches Zoho for them, the runtime stays UP and a good file dropped among them still goes through;
 * what does go through reaches result.csv and failed.csv with no cell a spreadsheet would run. Links
 * and job.json: {@link BulkInboxFoldersTest}; names and failures in the log: {@link BulkIntakeLogTest}.
 */
class BulkHostileInputTest extends BulkInputTestSupport {

    /** 251 characters: with ".csv" the longest file name Linux allows, no room for ".error.json". */
    private static final String LONG_NAME = "long-name-".repeat(25) + "x";

    @Test
    void everyBrokenFileEndsInErrorWithItsReasonWhileGoodWorkCarriesOn() throws Exception {
        Map<String, byte[]> broken = new LinkedHashMap<>();
        broken.put("Leads/insert/empty.csv", new byte[0]);
        broken.put("Leads/insert/header-only.csv", bytes("Last_Name,Email\n"));
        byte[] binary = new byte[4096];
        new Random(7).nextBytes(binary);
        broken.put("Leads/insert/binary.csv", binary);
        broken.put("Leads/insert/unbalanced.csv", bytes("Last_Name,Email\n\"Smith,a@example.com\nJones,b@example.com\n"));
        broken.put("Leads/insert/huge-cell.csv", bytes("Last_Name,Description\nSmith," + "x".repeat(300 * 1024) + "\n"));
        broken.put("Leads/insert/too-wide.csv", bytes("Last_Name,Email\nSmith,a@example.com,extra\n"));
        broken.put("Leads/insert/latin1.csv", "Last_Name,Company\nMüller,Bäckerei\n".getBytes(StandardCharsets.ISO_8859_1));
        broken.put("Leads/insert/duplicate-header.csv", bytes("Last_Name,Last_Name\nSmith,Jones\n"));
        broken.put("Leads/insert/too-many-columns.csv", bytes(wideHeader(201) + "\n" + "v,".repeat(200) + "v\n"));
        broken.put("Leads/merge/bad-operation.csv", bytes("Last_Name\nSmith\n"));
        broken.put("Leads/insert/name with spaces ünïcödé.csv", bytes("Last_Name,Last_Name\nA,B\n"));
        broken.put("Not A Module/insert/bad-module.csv", bytes("Last_Name\nSmith\n"));
        broken.put("Leads/insert/" + LONG_NAME + ".csv", bytes("Last_Name,Email\n")); // the longest name a file can have
        for (var entry : broken.entrySet()) {
            drop(entry.getKey(), entry.getValue());
        }
        Path outside = Files.createTempFile("outside-inbox", ".csv");
        Files.writeString(outside, "Last_Name\nSecret\n");
        Path link = dataDir.resolve("inbox/Leads/insert/link.csv");
        Files.createSymbolicLink(link, outside);
        drop("Leads/insert/good.csv", bytes("Last_Name,Email\nGood,good@example.com\n"));
        drop("Leads/insert/a..b.csv", bytes("Last_Name,Email\nDots,dots@example.com\n")); // ".." in a name is just a name

        await("the good file's result", Duration.ofSeconds(60),
                () -> Files.exists(dataDir.resolve("reports/Leads/insert/good.result.csv")));
        // the same content again, under another name: never sent twice
        drop("Leads/insert/good-again.csv", bytes("Last_Name,Email\nGood,good@example.com\n"));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("Leads/insert/empty", "EMPTY_FILE");
        expected.put("Leads/insert/header-only", "NO_ROWS");
        expected.put("Leads/insert/binary", null);
        expected.put("Leads/insert/unbalanced", "INVALID_CSV");
        expected.put("Leads/insert/huge-cell", null);
        expected.put("Leads/insert/too-wide", "ROW_TOO_WIDE");
        expected.put("Leads/insert/latin1", "NOT_UTF8");
        expected.put("Leads/insert/duplicate-header", "DUPLICATE_HEADER");
        expected.put("Leads/insert/too-many-columns", "TOO_MANY_COLUMNS");
        expected.put("Leads/merge/bad-operation", "UNKNOWN_OPERATION");
        expected.put("Leads/insert/name with spaces ünïcödé", "DUPLICATE_HEADER");
        expected.put("Leads/insert/link", "OUTSIDE_INBOX");
        expected.put("Leads/insert/" + LONG_NAME, "NO_ROWS");
        expected.put("Leads/insert/good-again", "ALREADY_SUBMITTED");
        for (var entry : expected.entrySet()) {
            Path csv = dataDir.resolve("error").resolve(entry.getKey() + ".csv");
            // beside the file, under its name (cut, with a hash, when the name leaves no room for the suffix)
            Path errorJson = csv.resolveSibling(BulkFolders.baseName(csv.getFileName().toString()) + ".error.json");
            await(errorJson.toString(), Duration.ofSeconds(30), () -> Files.exists(errorJson));
            JsonNode error = JSON.readTree(errorJson.toFile());
            assertThat(error.path("message").asText()).as(entry.getKey()).isNotBlank();
            assertThat(error.path("what_to_do").asText()).as(entry.getKey()).isNotBlank();
            if (entry.getValue() != null) {
                assertThat(error.path("code").asText()).as(entry.getKey()).isEqualTo(entry.getValue());
            }
            assertThat(csv).exists();
        }
        Path badModule = dataDir.resolve("error/bad-module.error.json");
        assertThat(badModule).exists();
        assertThat(outside).exists().hasContent("Last_Name\nSecret\n");
        await("a..b.csv's result", Duration.ofSeconds(30),
                () -> Files.exists(dataDir.resolve("reports/Leads/insert/a..b.result.csv")));
        assertThat(sandbox.records("Leads")).extracting(r -> r.get("Last_Name")).containsExactlyInAnyOrder("Good", "Dots");
        // (the other tests of this class send their own files, to other modules)
        assertThat(sandbox.uploads()).filteredOn(u -> u.fileName().startsWith("good_") || u.fileName().startsWith("a..b_"))
                .hasSize(2);
        assertThat(get(managementPort, "/observe/health").statusCode()).isEqualTo(200);
        for (String folder : new String[] {"Leads", "Not A Module"}) {
            try (var inbox = Files.walk(dataDir.resolve("inbox").resolve(folder))) {
                assertThat(inbox.filter(Files::isRegularFile).toList()).as("nothing left in the inbox").isEmpty();
            }
        }
    }

    @Test
    void cellsAFormulaCouldStartWithArePrefixedInResultAndFailedCsv() throws Exception {
        drop("Quotes/insert/quotes.csv", bytes("Subject,Description,Email\r\n"
                + "\"=HYPERLINK(\"\"http://x.example\"\",\"\"open\"\")\",+cmd,a@example.com\r\n"
                + "@SUM(1+1),-12,not-an-email\r\n"
                + "\"\tTab\",+3.5,b@example.com\r\n"
                + "-2+3,\"\rCR\",c@example.com\r\n"
                + "Plain,-0.5e3,d@example.com\r\n"));
        Path result = dataDir.resolve("reports/Quotes/insert/quotes.result.csv");
        Path failed = dataDir.resolve("reports/Quotes/insert/quotes.failed.csv");
        await("quotes.failed.csv", Duration.ofSeconds(60), () -> Files.exists(failed));

        List<List<String>> rows = readCsv(result);
        assertThat(rows.get(1).subList(0, 2)).containsExactly("'=HYPERLINK(\"http://x.example\",\"open\")", "'+cmd");
        assertThat(rows.get(2).subList(0, 2)).containsExactly("'@SUM(1+1)", "-12");
        assertThat(rows.get(3).subList(0, 2)).containsExactly("'\tTab", "+3.5");
        assertThat(rows.get(4).subList(0, 2)).containsExactly("'-2+3", "'\rCR");
        assertThat(rows.get(5).subList(0, 2)).containsExactly("Plain", "-0.5e3");
        assertThat(rows.get(2).get(3)).isEqualTo("SKIPPED");
        List<List<String>> failedRows = readCsv(failed);
        assertThat(failedRows).hasSize(2);
        assertThat(failedRows.get(1).subList(0, 3)).containsExactly("'@SUM(1+1)", "-12", "not-an-email");
    }

    @Test
    void aSecondFileOfTheSameNameNeverReplacesTheFirstInError() throws Exception {
        drop("Calls/insert/same.csv", bytes("Subject\n"));
        awaitError("Calls/insert/same");
        drop("Calls/insert/same.csv", new byte[0]);

        JsonNode second = awaitError("Calls/insert/same-1");
        assertThat(second.path("code").asText()).isEqualTo("EMPTY_FILE");
        assertThat(dataDir.resolve("error/Calls/insert/same-1.csv")).exists().isEmptyFile();
        assertThat(dataDir.resolve("error/Calls/insert/same.csv")).hasContent("Subject\n");
        assertThat(JSON.readTree(dataDir.resolve("error/Calls/insert/same.error.json").toFile()).path("code").asText())
                .isEqualTo("NO_ROWS");
    }

    private static List<List<String>> readCsv(Path csv) throws Exception {
        List<List<String>> out = new ArrayList<>();
        try (CsvReader<CsvRecord> records = CsvReader.builder().ofCsvRecord(csv)) {
            records.forEach(r -> out.add(r.getFields()));
        }
        return out;
    }

    private static String wideHeader(int columns) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < columns; i++) {
            sb.append(i == 0 ? "" : ",").append("Field_").append(i);
        }
        return sb.toString();
    }
}
