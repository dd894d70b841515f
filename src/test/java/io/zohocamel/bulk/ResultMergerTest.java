package io.zohocamel.bulk;

import de.siegmar.fastcsv.writer.CsvWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResultMergerTest {

    @TempDir
    Path dir;

    /** A fake Zoho result: the uploaded chunk's rows (first {@code keep}) plus the three result columns. */
    private Path fakeResult(Chunk chunk, String statusHeader, String[][] outcomes, int keep) throws IOException {
        List<List<String>> uploaded = TestCsv.parse(TestCsv.unzipSingle(chunk.zip()).bytes(), ',');
        StringWriter sw = new StringWriter();
        CsvWriter w = CsvWriter.builder().build(sw);
        List<String> h = new ArrayList<>(uploaded.get(0));
        h.addAll(List.of(statusHeader, "RECORD_ID", "ERRORS"));
        w.writeRecord(h);
        for (int i = 0; i < keep; i++) {
            List<String> r = new ArrayList<>(uploaded.get(i + 1));
            r.addAll(List.of(outcomes[i]));
            w.writeRecord(r);
        }
        w.flush();
        return Files.write(dir.resolve("result-" + chunk.index() + ".zip"),
                TestCsv.zip(chunk.index() + ".csv", sw.toString()));
    }

    @Test
    void mergesEveryRowInOrderAndListsFailures() throws IOException {
        List<List<String>> rows = TestCsv.rows(10, 9);
        Path csv = TestCsv.write(dir.resolve("leads.csv"), TestCsv.HEADER, rows, ';', true);
        BulkJobSpec spec = new BulkJobSpec(null, false, ";", null, null);
        List<Chunk> chunks = new ArrayList<>();
        ChunkPlan plan = new CsvChunker(ChunkerSettings.defaults().withMaxRows(4)).read(csv, spec, chunks::add, 0);
        assertThat(plan.chunks()).extracting(ChunkPlan.Bounds::rowCount).containsExactly(4, 4, 2);

        Path r0 = fakeResult(chunks.get(0), "STATUS", new String[][]{
                {"ADDED", "111", ""}, {"SKIPPED", "", "DUPLICATE_DATA-Email"}, {"UPDATED", "333", ""}, {"", "", ""}}, 4);
        Path r2 = fakeResult(chunks.get(2), "Status", new String[][]{{"added", "999", ""}}, 1); // one row short
        List<ChunkResult> results = List.of(
                ChunkResult.of(plan.chunks().get(0), r0),
                ChunkResult.failed(plan.chunks().get(1), "FILE_TOO_LARGE", "upload rejected"),
                ChunkResult.of(plan.chunks().get(2), r2));

        Path resultCsv = ResultMerger.resultPath(dir.resolve("reports"), csv);
        Path failedCsv = ResultMerger.failedPath(dir.resolve("reports"), csv);
        MergeTotals t = new ResultMerger().merge(csv, spec, results, resultCsv, failedCsv);

        assertThat(t).isEqualTo(new MergeTotals(10, 2, 1, 1, 7));
        assertThat(resultCsv.getFileName().toString()).isEqualTo("leads.result.csv");
        assertThat(Files.readAllBytes(resultCsv)).startsWith(0xEF, 0xBB, 0xBF);

        List<List<String>> result = TestCsv.parse(resultCsv, ';');
        List<String> expectedHeader = new ArrayList<>(TestCsv.HEADER);
        expectedHeader.set(0, "\uFEFF" + expectedHeader.get(0)); // FastCSV's plain parse keeps the BOM
        expectedHeader.addAll(List.of("STATUS", "RECORD_ID", "ERRORS"));
        assertThat(result.get(0)).isEqualTo(expectedHeader);
        assertThat(result).hasSize(11);
        String[][] expected = {
                {"ADDED", "111", ""},
                {"SKIPPED", "", "DUPLICATE_DATA-Email"},
                {"UPDATED", "333", ""},
                {"NOT_PROCESSED", "", "NOT_PROCESSED-Zoho did not process this row"},
                {"NOT_PROCESSED", "", "FILE_TOO_LARGE-upload rejected"},
                {"NOT_PROCESSED", "", "FILE_TOO_LARGE-upload rejected"},
                {"NOT_PROCESSED", "", "FILE_TOO_LARGE-upload rejected"},
                {"NOT_PROCESSED", "", "FILE_TOO_LARGE-upload rejected"},
                {"ADDED", "999", ""},
                {"NOT_PROCESSED", "", "RESULT_ROW_MISSING-Zoho's result has no row for it"}};
        for (int i = 0; i < 10; i++) {
            List<String> row = result.get(i + 1);
            assertThat(row.subList(0, 5)).as("row %d", i + 1).isEqualTo(rows.get(i));
            assertThat(row.subList(5, 8)).as("row %d", i + 1).containsExactly(expected[i]);
        }

        List<List<String>> failed = TestCsv.parse(failedCsv, ';');
        assertThat(failed.get(0).subList(1, 6)).containsExactly("First_Name", "Email", "Description",
                "Account_Name.id", "ERRORS");
        int[] failedRows = {2, 4, 5, 6, 7, 8, 10};
        assertThat(failed).hasSize(failedRows.length + 1);
        for (int k = 0; k < failedRows.length; k++) {
            List<String> expectedRow = new ArrayList<>(rows.get(failedRows[k] - 1));
            expectedRow.add(expected[failedRows[k] - 1][2]);
            assertThat(failed.get(k + 1)).isEqualTo(expectedRow);
        }
        // no temp files left behind
        try (var s = Files.list(dir.resolve("reports"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "leads.result.csv", "leads.failed.csv");
        }
    }

    @Test
    void rowsWithoutAChunkAndStaleErrorsColumn() throws IOException {
        // a failed.csv dropped again: its ERRORS column is replaced, not repeated
        Path csv = TestCsv.writeRaw(dir.resolve("again.csv"),
                "Last_Name,Email,ERRORS\nA,a@x,OLD\nB,b@x,OLD\nC,c@x,OLD\n");
        BulkJobSpec spec = BulkJobSpec.defaults();
        List<Chunk> chunks = new ArrayList<>();
        ChunkPlan plan = new CsvChunker(ChunkerSettings.defaults().withMaxRows(2)).read(csv, spec, chunks::add, 0);
        Path r0 = fakeResultRaw(chunks.get(0), "ADDED,1,", "SKIPPED,,MANDATORY_NOT_FOUND-Last_Name:DUPLICATE_DATA-Email");
        // only the first chunk is known (second was never submitted)
        MergeTotals t = new ResultMerger().merge(csv, spec, List.of(ChunkResult.of(plan.chunks().get(0), r0)),
                dir.resolve("again.result.csv"), dir.resolve("again.failed.csv"));
        assertThat(t).isEqualTo(new MergeTotals(3, 1, 0, 1, 2));
        assertThat(TestCsv.parse(dir.resolve("again.result.csv"), ',')).containsExactly(
                List.of("Last_Name", "Email", "STATUS", "RECORD_ID", "ERRORS"),
                List.of("A", "a@x", "ADDED", "1", ""),
                List.of("B", "b@x", "SKIPPED", "", "MANDATORY_NOT_FOUND-Last_Name:DUPLICATE_DATA-Email"),
                List.of("C", "c@x", "NOT_PROCESSED", "", "NOT_SUBMITTED-no job was created for this row"));
        assertThat(TestCsv.parse(dir.resolve("again.failed.csv"), ',')).containsExactly(
                List.of("Last_Name", "Email", "ERRORS"),
                List.of("B", "b@x", "MANDATORY_NOT_FOUND-Last_Name:DUPLICATE_DATA-Email"),
                List.of("C", "c@x", "NOT_SUBMITTED-no job was created for this row"));
    }

    @Test
    void unreadableResultZipMarksTheChunkNotProcessed() throws IOException {
        Path csv = TestCsv.writeRaw(dir.resolve("x.csv"), "Last_Name\nA\nB\n");
        Path junk = Files.writeString(dir.resolve("junk.zip"), "not a zip");
        MergeTotals t = new ResultMerger().merge(csv, BulkJobSpec.defaults(),
                List.of(new ChunkResult(0, 1, 2, junk, null, null)), dir.resolve("x.result.csv"), dir.resolve("x.failed.csv"));
        assertThat(t).isEqualTo(new MergeTotals(2, 0, 0, 0, 2));
        assertThat(TestCsv.parse(dir.resolve("x.failed.csv"), ',')).hasSize(3)
                .allSatisfy(r -> assertThat(r.get(1)).matches("ERRORS|RESULT_UNREADABLE-.*"));
    }

    private Path fakeResultRaw(Chunk chunk, String... outcomes) throws IOException {
        List<List<String>> uploaded = TestCsv.parse(TestCsv.unzipSingle(chunk.zip()).bytes(), ',');
        StringBuilder sb = new StringBuilder(String.join(",", uploaded.get(0)) + ",STATUS,RECORD_ID,ERRORS\r\n");
        for (int i = 0; i < outcomes.length; i++) {
            sb.append(String.join(",", uploaded.get(i + 1))).append(',').append(outcomes[i]).append("\r\n");
        }
        return Files.write(dir.resolve("raw-" + chunk.index() + ".zip"), TestCsv.zip("r.csv", sb.toString()));
    }
}
