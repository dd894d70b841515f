package io.zohocamel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.zohocamel.bulk.BulkFolders;
import io.zohocamel.bulk.BulkIntake;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.RuntimeTestSupport;
import org.apache.camel.BeanInject;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Broken and hostile files: each ends in error/ with an .error.json that says why, nothing reaches
 * Zoho for them, the runtime stays UP and a good file dropped among them still goes through.
 */
class BulkHostileInputTest extends RuntimeTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** 251 characters: with ".csv" the longest file name Linux allows, no room for ".error.json". */
    private static final String LONG_NAME = "long-name-".repeat(25) + "x";

    @BeanInject
    ZohoSandbox sandbox;

    @BeanInject
    JobStore jobStore;

    @Override
    protected Map<String, String> settings() {
        return QUICK_BULK;
    }

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
    void aJobJsonLinkedOutOfTheInboxIsNeverReadAndNoParserEchoesContent() throws Exception {
        Path secret = dataDir.resolve("secrets/broker.password");
        String password = Files.readString(secret).trim();
        assertThat(password).hasSizeGreaterThan(8);
        String lookalike = "KY8J" + "q".repeat(20); // a secret-looking token in a job.json of the inbox itself
        ListAppender<ILoggingEvent> log = capture(Logger.ROOT_LOGGER_NAME);
        try {
            Path contacts = Files.createDirectories(dataDir.resolve("inbox/Contacts/insert"));
            Files.createSymbolicLink(contacts.resolve("job.json"), secret);
            // a chain: job.json -> hop (inside the inbox) -> the secret
            Path accounts = Files.createDirectories(dataDir.resolve("inbox/Accounts/insert"));
            Files.createSymbolicLink(accounts.resolve("hop"), secret);
            Files.createSymbolicLink(accounts.resolve("job.json"), accounts.resolve("hop"));
            Path vendors = Files.createDirectories(dataDir.resolve("inbox/Vendors/insert"));
            Files.writeString(vendors.resolve("job.json"), "{\n  \"find_by\": " + lookalike + "\n}");
            drop("Contacts/insert/contacts.csv", bytes("Last_Name\nA\n"));
            drop("Accounts/insert/accounts.csv", bytes("Account_Name\nA\n"));
            drop("Vendors/insert/vendors.csv", bytes("Vendor_Name\nA\n"));

            JsonNode contactsError = awaitError("Contacts/insert/contacts");
            JsonNode accountsError = awaitError("Accounts/insert/accounts");
            JsonNode vendorsError = awaitError("Vendors/insert/vendors");
            assertThat(contactsError.path("code").asText()).isEqualTo("OUTSIDE_INBOX");
            assertThat(contactsError.path("message").asText()).contains("job.json", "not read");
            assertThat(accountsError.path("code").asText()).isEqualTo("OUTSIDE_INBOX");
            // where and what kind, never the content
            assertThat(vendorsError.path("code").asText()).isEqualTo("INVALID_JOB_JSON");
            assertThat(vendorsError.path("message").asText()).contains("line 2, column").doesNotContain("KY8J");
            for (String name : new String[] {"Contacts/insert/contacts", "Accounts/insert/accounts", "Vendors/insert/vendors"}) {
                assertThat(Files.readString(dataDir.resolve("error/" + name + ".error.json")))
                        .doesNotContain(password).doesNotContain("KY8J");
                assertThat(dataDir.resolve("error/" + name + ".csv")).exists();
            }
            await("their log lines", Duration.ofSeconds(10), () -> messages(log).stream()
                    .filter(m -> m.matches("(contacts|accounts|vendors)\\.csv rejected.*")).count() >= 3);
            assertThat(events(log)).allSatisfy(e -> assertThat(e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage()))
                    .doesNotContain(password).doesNotContain("KY8J"));
            // the links belong to their folders and stay; the secret is untouched; nothing was sent
            assertThat(contacts.resolve("job.json")).isSymbolicLink();
            assertThat(accounts.resolve("job.json")).isSymbolicLink();
            assertThat(Files.readString(secret).trim()).isEqualTo(password);
            assertThat(sandbox.records("Contacts")).isEmpty();
            assertThat(sandbox.records("Vendors")).isEmpty();
        } finally {
            release(Logger.ROOT_LOGGER_NAME, log);
        }
    }

    @Test
    void aFolderLinkedOutOfTheInboxIsLeftAloneAndReportedOnce() throws Exception {
        Path elsewhere = Files.createTempDirectory("elsewhere");
        Path campaign = Files.writeString(Files.createDirectories(elsewhere.resolve("insert")).resolve("campaign.csv"),
                "Campaign_Name\nSpring\n");
        Path elsewhereToo = Files.createTempDirectory("elsewhere-op");
        Path deal = Files.writeString(elsewhereToo.resolve("deal.csv"), "Deal_Name,Stage\nBig,Qualification\n");
        FileTime campaignTime = Files.getLastModifiedTime(campaign);
        FileTime dealTime = Files.getLastModifiedTime(deal);
        ListAppender<ILoggingEvent> log = capture(BulkIntake.class.getName());
        Path moduleLink = dataDir.resolve("inbox/Campaigns");
        Path operationLink = dataDir.resolve("inbox/Deals/insert");
        try {
            Files.createDirectories(moduleLink.getParent());
            Files.createSymbolicLink(moduleLink, elsewhere);
            Files.createDirectories(operationLink.getParent());
            Files.createSymbolicLink(operationLink, elsewhereToo);

            JsonNode campaignError = awaitError("Campaigns/insert/campaign");
            JsonNode dealError = awaitError("Deals/insert/deal");
            assertThat(campaignError.path("code").asText()).isEqualTo("OUTSIDE_INBOX");
            assertThat(campaignError.path("message").asText()).contains("inbox/Campaigns/insert", "left where they are");
            assertThat(dealError.path("code").asText()).isEqualTo("OUTSIDE_INBOX");
            Thread.sleep(2_000); // ten more scans: the files must neither move nor be reported again
            assertThat(campaign).exists().hasContent("Campaign_Name\nSpring\n");
            assertThat(deal).exists().hasContent("Deal_Name,Stage\nBig,Qualification\n");
            assertThat(Files.getLastModifiedTime(campaign)).isEqualTo(campaignTime);
            assertThat(Files.getLastModifiedTime(deal)).isEqualTo(dealTime);
            assertThat(dataDir.resolve("error/Campaigns/insert/campaign.csv")).doesNotExist();
            assertThat(dataDir.resolve("error/Deals/insert/deal.csv")).doesNotExist();
            assertThat(messages(log)).filteredOn(m -> m.startsWith("campaign.csv rejected: OUTSIDE_INBOX")).hasSize(1);
            assertThat(messages(log)).filteredOn(m -> m.startsWith("deal.csv rejected: OUTSIDE_INBOX")).hasSize(1);
            assertThat(sandbox.records("Campaigns")).isEmpty();
            assertThat(sandbox.records("Deals")).isEmpty();
        } finally {
            release(BulkIntake.class.getName(), log);
            Files.deleteIfExists(moduleLink);
            Files.deleteIfExists(operationLink);
            deleteTree(elsewhere);
            deleteTree(elsewhereToo);
        }
    }

    @Test
    void anOversizedJobJsonSendsTheFileToErrorAndStaysInItsFolder() throws Exception {
        Path folder = Files.createDirectories(dataDir.resolve("inbox/Products/insert"));
        // valid JSON, only too large: 70,000 bytes of spaces
        String oversized = "{\"ignore_empty\": true" + " ".repeat(70_000) + "}";
        Path jobJson = Files.writeString(folder.resolve("job.json"), oversized);
        drop("Products/insert/products.csv", bytes("Product_Name\nWidget\n"));

        JsonNode error = awaitError("Products/insert/products");
        assertThat(error.path("code").asText()).isEqualTo("JOB_JSON_TOO_LARGE");
        assertThat(error.path("message").asText()).contains("job.json", "65,536 bytes");
        assertThat(dataDir.resolve("error/Products/insert/products.csv")).exists();
        // job.json belongs to the folder: moved away, the next files would go through with defaults
        assertThat(jobJson).exists().hasSize(oversized.length());
        assertThat(sandbox.records("Products")).isEmpty();
    }

    @Test
    void anUnexpectedFailureIsLoggedOnceAndTheFileIsTakenAgainOnceItIsOver() throws Exception {
        ListAppender<ILoggingEvent> log = capture(BulkIntake.class.getName());
        // the job store fails for this file: its table is away for a while
        sql("alter table bulk_file rename to bulk_file_away");
        Path solutions;
        try {
            solutions = drop("Solutions/insert/solutions.csv", bytes("Solution_Title\nReboot\n"));
            await("the reason in the log", Duration.ofSeconds(30), () -> messages(log).stream()
                    .anyMatch(m -> m.startsWith("solutions.csv stays in the inbox: unexpected JobStoreException")));
            Thread.sleep(2_000); // ten more scans, taken again each time, logged once
            assertThat(messages(log)).filteredOn(m -> m.startsWith("solutions.csv stays in the inbox")).hasSize(1);
            assertThat(solutions).exists();
        } finally {
            sql("alter table bulk_file_away rename to bulk_file");
            release(BulkIntake.class.getName(), log);
        }
        await("solutions.csv submitted once the job store is back", Duration.ofSeconds(30),
                () -> Files.exists(dataDir.resolve("done/Solutions/insert/solutions.csv")));
        assertThat(solutions).doesNotExist();
    }

    @Test
    void hiddenAndControlCharacterNamesAreRefusedAndLoggedEscaped() throws Exception {
        ListAppender<ILoggingEvent> log = capture(Logger.ROOT_LOGGER_NAME);
        try {
            drop("Tasks/insert/.hidden.csv", bytes("Subject\nCall\n"));
            drop("Tasks/insert/two\nlines.csv", bytes("Subject\nCall\n"));
            drop("Tasks/insert/forged\n2026-01-01 ERROR fake line.csv", bytes("Subject\nCall\n"));
            drop("Tasks/insert/bidi\u202Evsc.csv", bytes("Subject\nCall\n"));

            for (String name : new String[] {"_hidden", "two_lines", "forged_2026-01-01 ERROR fake line", "bidi_vsc"}) {
                JsonNode error = awaitError("Tasks/insert/" + name);
                assertThat(error.path("code").asText()).as(name).isEqualTo("INVALID_FILE_NAME");
                assertThat(error.path("message").asText()).as(name).contains(name + ".csv");
                assertThat(dataDir.resolve("error/Tasks/insert/" + name + ".csv")).exists();
            }
            try (var inbox = Files.list(dataDir.resolve("inbox/Tasks/insert"))) {
                assertThat(inbox.toList()).as("nothing left in the inbox").isEmpty();
            }
            // one line each (written just after the .error.json)
            await("four log lines", Duration.ofSeconds(10),
                    () -> messages(log).stream().filter(m -> m.contains("rejected: INVALID_FILE_NAME")).count() >= 4);
            Thread.sleep(1_000);
            List<String> lines = messages(log);
            assertThat(lines).filteredOn(m -> m.contains("rejected: INVALID_FILE_NAME")).hasSize(4);
            assertThat(lines).anyMatch(m -> m.startsWith(".hidden.csv rejected"))
                    .anyMatch(m -> m.startsWith("two\\nlines.csv rejected"))
                    .anyMatch(m -> m.startsWith("bidi\\u202evsc.csv rejected"));
            assertThat(lines).filteredOn(m -> m.contains("lines") || m.contains("forged") || m.contains("bidi"))
                    .hasSizeGreaterThanOrEqualTo(3).allSatisfy(m -> assertThat(m).doesNotContain("\n", "\r", "\u202E"));
            assertThat(sandbox.records("Tasks")).isEmpty();
        } finally {
            release(Logger.ROOT_LOGGER_NAME, log);
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

    private JsonNode awaitError(String relative) throws Exception {
        Path errorJson = dataDir.resolve("error").resolve(relative + ".error.json");
        await(errorJson.toString(), Duration.ofSeconds(30), () -> Files.exists(errorJson));
        return JSON.readTree(errorJson.toFile());
    }

    private void sql(String statement) throws Exception {
        try (Connection c = jobStore.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    private static ListAppender<ILoggingEvent> capture(String logger) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(logger)).addAppender(appender);
        return appender;
    }

    private static void release(String logger, ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(logger)).detachAppender(appender);
    }

    /** A copy taken under the appender's lock: the runtime's threads append while the test reads. */
    private static List<ILoggingEvent> events(ListAppender<ILoggingEvent> appender) {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    private static List<String> messages(ListAppender<ILoggingEvent> appender) {
        return events(appender).stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static List<List<String>> readCsv(Path csv) throws Exception {
        List<List<String>> out = new ArrayList<>();
        try (CsvReader<CsvRecord> records = CsvReader.builder().ofCsvRecord(csv)) {
            records.forEach(r -> out.add(r.getFields()));
        }
        return out;
    }

    private Path drop(String relative, byte[] content) throws Exception {
        Path staged = dataDir.resolve("staging").resolve(relative);
        Files.createDirectories(staged.getParent());
        Files.write(staged, content);
        Path target = dataDir.resolve("inbox").resolve(relative);
        Files.createDirectories(target.getParent());
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String wideHeader(int columns) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < columns; i++) {
            sb.append(i == 0 ? "" : ",").append("Field_").append(i);
        }
        return sb.toString();
    }
}
