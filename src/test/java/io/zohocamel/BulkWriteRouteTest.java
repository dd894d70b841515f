package io.zohocamel;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.zohocamel.bulk.BulkIntake;
import io.zohocamel.bulk.BulkJobSpec;
import io.zohocamel.bulk.BulkSubmission;
import io.zohocamel.bulk.Chunk;
import io.zohocamel.bulk.ChunkPlan;
import io.zohocamel.bulk.UploadedChunk;
import io.zohocamel.bulk.CsvChunker;
import io.zohocamel.bulk.FileChecksum;
import io.zohocamel.jobs.BulkFile;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.jobs.TrackedJob;
import io.zohocamel.sandbox.SandboxUpload;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.RuntimeTestSupport;
import io.zohocamel.zoho.ZohoResponse;
import org.apache.camel.BeanInject;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The bulk-write flow through the real routes: drop a CSV, get Zoho jobs, then result.csv and failed.csv. */
class BulkWriteRouteTest extends RuntimeTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeanInject
    ZohoSandbox sandbox;

    @BeanInject
    JobStore jobStore;

    @BeanInject
    ProducerTemplate producer;

    @Override
    protected Map<String, String> settings() {
        return Map.of("poll.period", "300ms", "poll.max-interval", "1s", "zoho.sandbox.job-step", "300ms",
                "bulk.scan-interval", "200", "bulk.read-lock-interval", "200", "bulk.read-lock-min-age", "300",
                "zoho.retry-initial-delay", "50ms", "zoho.sandbox.max-records", "100000"); // the 60,000-row file's records
    }

    @Test
    void sixtyThousandTrickyRowsBecomeThreeJobsAndAnOrderedResult() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        List<Integer> bad = new ArrayList<>();
        for (int i = 1; i <= 60_000; i++) {
            boolean noName = i % 1000 == 0;
            boolean badEmail = i % 997 == 0;
            if (noName || badEmail) {
                bad.add(i);
            }
            rows.add(List.of(noName ? "" : "Müller-" + i, "Zoë \"Z\" " + i,
                    badEmail ? "not-an-email" : "lead" + i + "@example.com", "Acme, Inc. 日本 " + i,
                    i % 5 == 0 ? "line one\nline two, with comma" : "plain"));
        }
        drop("Leads/insert/leads.csv", List.of("Last_Name", "First_Name", "Email", "Company", "Description"), rows);

        Path reports = dataDir.resolve("reports/Leads/insert");
        await("leads.result.csv", Duration.ofSeconds(90), () -> Files.exists(reports.resolve("leads.result.csv")));

        assertThat(dataDir.resolve("done/Leads/insert/leads.csv")).exists();
        assertThat(dataDir.resolve("inbox/Leads/insert/leads.csv")).doesNotExist();
        // uploads run in parallel: their order at Zoho is not the file's, their names are
        List<SandboxUpload> uploads = sandbox.uploads().stream().filter(u -> u.fileName().startsWith("leads_"))
                .sorted(java.util.Comparator.comparing(SandboxUpload::fileName)).toList();
        assertThat(uploads).extracting(SandboxUpload::fileName)
                .containsExactly("leads_part001.csv", "leads_part002.csv", "leads_part003.csv");
        assertThat(uploads).extracting(SandboxUpload::rowCount).containsExactly(25_000, 25_000, 10_000);
        assertThat(uploads).allSatisfy(u -> assertThat(u.header())
                .containsExactly("Last_Name", "First_Name", "Email", "Company", "Description"));
        BulkFile file = jobStore.recentBulkFiles(10).stream().filter(f -> f.fileName().equals("leads.csv")).findFirst().orElseThrow();
        assertThat(jobStore.jobsOfFile(file.id())).hasSize(3).allSatisfy(j -> assertThat(j.status()).isEqualTo("COMPLETED"));

        List<List<String>> result = read(reports.resolve("leads.result.csv"));
        assertThat(result.get(0)).containsExactly("Last_Name", "First_Name", "Email", "Company", "Description",
                "STATUS", "RECORD_ID", "ERRORS");
        assertThat(result).hasSize(60_001);
        for (int i = 1; i <= 60_000; i++) {
            List<String> row = result.get(i);
            assertThat(row.subList(0, 5)).as("row %d in input order", i).isEqualTo(rows.get(i - 1));
            assertThat(row.get(5)).as("status of row %d", i).isEqualTo(bad.contains(i) ? "SKIPPED" : "ADDED");
        }
        assertThat(result.get(1000).get(7)).contains("MANDATORY_NOT_FOUND-Last_Name");
        assertThat(result.get(997).get(7)).contains("INVALID_DATA-Email");

        List<List<String>> failed = read(reports.resolve("leads.failed.csv"));
        assertThat(failed.get(0)).containsExactly("Last_Name", "First_Name", "Email", "Company", "Description", "ERRORS");
        assertThat(failed.subList(1, failed.size())).extracting(r -> r.subList(0, 5))
                .containsExactlyElementsOf(bad.stream().map(i -> rows.get(i - 1)).toList());
        assertThat(sandbox.records("Leads")).hasSize(60_000 - bad.size());

        // the report is written last: once it says COMPLETED it carries the totals
        await("report COMPLETED", Duration.ofSeconds(10), () -> {
            try {
                return JSON.readTree(reports.resolve("leads.report.json").toFile()).path("status").asText().equals("COMPLETED");
            } catch (IOException e) {
                return false;
            }
        });
        JsonNode report = JSON.readTree(reports.resolve("leads.report.json").toFile());
        assertThat(report.path("result").path("failed").asLong()).isEqualTo(bad.size());
    }

    @Test
    void upsertByFindByUpdatesExistingRecords() throws Exception {
        String first = sandbox.putRecord("Contacts", Map.of("Last_Name", "Old", "Email", "a@example.com"));
        String second = sandbox.putRecord("Contacts", Map.of("Last_Name", "Old", "Email", "b@example.com"));
        Files.createDirectories(dataDir.resolve("inbox/Contacts/upsert"));
        Files.writeString(dataDir.resolve("inbox/Contacts/upsert/job.json"), "{\"find_by\":\"Email\"}");
        drop("Contacts/upsert/contacts.csv", List.of("Last_Name", "Email"),
                List.of(List.of("New A", "a@example.com"), List.of("New B", "b@example.com"), List.of("Fresh", "c@example.com")));

        Path result = dataDir.resolve("reports/Contacts/upsert/contacts.result.csv");
        await("contacts.result.csv", Duration.ofSeconds(30), () -> Files.exists(result));
        assertThat(read(result)).extracting(r -> r.get(2)).containsExactly("STATUS", "UPDATED", "UPDATED", "ADDED");
        assertThat(sandbox.records("Contacts")).hasSize(3)
                .anySatisfy(r -> assertThat(r).containsEntry("id", first).containsEntry("Last_Name", "New A"))
                .anySatisfy(r -> assertThat(r).containsEntry("id", second).containsEntry("Last_Name", "New B"))
                .anySatisfy(r -> assertThat(r).containsEntry("Email", "c@example.com"));
    }

    @Test
    void aFileMissingAMandatoryColumnEndsInErrorWithZohosCode() throws Exception {
        drop("Accounts/insert/accounts.csv", List.of("Phone", "Website"), List.of(List.of("123", "https://acme.example")));

        Path errorJson = dataDir.resolve("error/Accounts/insert/accounts.error.json");
        await("accounts.error.json", Duration.ofSeconds(30), () -> Files.exists(errorJson));
        assertThat(dataDir.resolve("error/Accounts/insert/accounts.csv")).exists();
        assertThat(dataDir.resolve("inbox/Accounts/insert/accounts.csv")).doesNotExist();
        JsonNode error = JSON.readTree(errorJson.toFile());
        assertThat(error.path("code").asText()).isEqualTo("MANDATORY_FIELDS_NOT_MAPPED");
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(error.path("what_to_do").asText()).isNotBlank();
    }

    @Test
    void aRestartAfterTheFirstChunkCreatesNoSecondJobAndLosesNoRow() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i <= 30_000; i++) {
            rows.add(List.of("Deal " + i, "Qualification"));
        }
        List<String> header = List.of("Deal_Name", "Stage");
        Path staged = dataDir.resolve("staging/deals.csv");
        write(staged, header, rows);
        // what a runtime killed after chunk 1's job would have left: the file record and that one job
        CsvChunker chunker = new CsvChunker();
        BulkJobSpec spec = BulkJobSpec.defaults();
        ChunkPlan plan = chunker.preflight(staged, spec);
        Path target = dataDir.resolve("inbox/Deals/insert/deals.csv");
        BulkFile record = jobStore.bulkFile(FileChecksum.sha256(staged), "Deals", "insert", "deals.csv", target.toString(),
                "deals", JSON.writeValueAsString(spec));
        List<Chunk> first = new ArrayList<>();
        chunker.read(staged, spec, chunk -> {
            if (first.isEmpty()) {
                first.add(chunk);
            }
        }, 0);
        Chunk chunk = first.get(0);
        // through the runtime's own Zoho endpoint and job-creation route
        ZohoResponse upload = producer.requestBodyAndHeader("zoho:upload", chunk.zip(), "ZohoFileName", "deals_part001.zip",
                ZohoResponse.class);
        UploadedChunk uploaded = new UploadedChunk(0, chunk.firstRow(), chunk.rowCount(), upload.fileId().orElseThrow());
        BulkSubmission submission = new BulkSubmission(staged, "Deals", "insert", spec, plan, record);
        Exchange created = producer.send("seda:bulk-create-job?waitForTaskToComplete=Always", exchange -> {
            exchange.setProperty(BulkIntake.SUBMISSION, submission);
            exchange.getMessage().setBody(uploaded);
        });
        assertThat(created.getException()).isNull();
        int uploadsBefore = sandbox.uploads().size();

        Files.createDirectories(target.getParent());
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);

        Path result = dataDir.resolve("reports/Deals/insert/deals.result.csv");
        await("deals.result.csv", Duration.ofSeconds(60), () -> Files.exists(result));
        assertThat(sandbox.uploads()).hasSize(uploadsBefore + 1);
        List<TrackedJob> jobs = jobStore.jobsOfFile(record.id());
        assertThat(jobs).extracting(TrackedJob::chunkIndex).containsExactly(0, 1);
        assertThat(jobs).extracting(TrackedJob::zohoJobId).doesNotHaveDuplicates();
        List<List<String>> merged = read(result);
        assertThat(merged).hasSize(30_001);
        assertThat(merged.subList(1, merged.size())).extracting(r -> r.get(2)).containsOnly("ADDED");
        assertThat(sandbox.records("Deals")).hasSize(30_000);
    }

    @Test
    void aChunkZohoRefusesIsNamedInTheErrorFile() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i <= 30_000; i++) {
            rows.add(List.of("Widget " + i));
        }
        // uploads are accepted (Zoho's file store knows no modules); every job is refused: INVALID_MODULE
        drop("Widgets/insert/widgets.csv", List.of("Name"), rows);

        Path errorJson = dataDir.resolve("error/Widgets/insert/widgets.error.json");
        await("widgets.error.json", Duration.ofSeconds(60), () -> Files.exists(errorJson));
        JsonNode error = JSON.readTree(errorJson.toFile());
        assertThat(error.path("code").asText()).isEqualTo("INVALID_MODULE");
        assertThat(error.path("source").asText()).isEqualTo("zoho");
        assertThat(error.path("chunk").asInt()).as("the refused chunk, 1-based").isBetween(1, 2);
        assertThat(error.has("chunks_already_submitted")).isFalse();
        assertThat(dataDir.resolve("error/Widgets/insert/widgets.csv")).exists();
    }

    @Test
    void aBadRowPastTheFirstChunksLeavesTheFileWithoutAnyJob() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i <= 110_000; i++) {
            rows.add(i == 100_000 ? List.of("Deal " + i, "Qualification", "a third field") : List.of("Deal " + i, "Qualification"));
        }
        int jobsBefore = sandbox.calls("POST", ZohoSandbox.BULK_WRITE);
        drop("Deals/insert/late-error.csv", List.of("Deal_Name", "Stage"), rows);

        Path errorJson = dataDir.resolve("error/Deals/insert/late-error.error.json");
        await("late-error.error.json", Duration.ofSeconds(60), () -> Files.exists(errorJson));
        JsonNode error = JSON.readTree(errorJson.toFile());
        assertThat(error.path("code").asText()).isEqualTo("ROW_TOO_WIDE");
        assertThat(error.path("row").asLong()).isEqualTo(100_000);
        // every row is validated before anything is sent: no upload, no job
        assertThat(sandbox.uploads()).noneMatch(u -> u.fileName().startsWith("late-error_"));
        assertThat(sandbox.calls("POST", ZohoSandbox.BULK_WRITE)).isEqualTo(jobsBefore);
        // listed (on /jobs) as refused, with no content recorded: the same bytes dropped again are checked again
        assertThat(jobStore.recentBulkFiles(100)).filteredOn(f -> f.fileName().equals("late-error.csv")).singleElement()
                .satisfies(f -> assertThat(f).extracting(BulkFile::status, BulkFile::errorCode, BulkFile::checksum)
                        .containsExactly(BulkFile.ERROR, "ROW_TOO_WIDE", null));
        assertThat(dataDir.resolve("error/Deals/insert/late-error.csv")).exists();
    }

    /** Writes the file next to the inbox and moves it in, as a careful operator's copy would. */
    private void drop(String relative, List<String> header, List<List<String>> rows) throws IOException {
        Path staged = dataDir.resolve("staging").resolve(relative);
        write(staged, header, rows);
        Path target = dataDir.resolve("inbox").resolve(relative);
        Files.createDirectories(target.getParent());
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void write(Path file, List<String> header, List<List<String>> rows) throws IOException {
        Files.createDirectories(file.getParent());
        try (var writer = de.siegmar.fastcsv.writer.CsvWriter.builder().build(file, StandardCharsets.UTF_8)) {
            writer.writeRecord(header);
            for (List<String> row : rows) {
                writer.writeRecord(row);
            }
        }
    }

    private static List<List<String>> read(Path csv) throws IOException {
        List<List<String>> out = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CsvReader<CsvRecord> records = CsvReader.builder().ofCsvRecord(reader)) {
            for (CsvRecord r : records) {
                out.add(r.getFields());
            }
        }
        return out;
    }
}
