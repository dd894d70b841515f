package io.zohocamel.bulk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How a good file is cut: chunk sizes and boundaries, identical chunks sequential and parallel, BOM,
 * delimiter and line ends, skipped chunks, padding, the plan. Refused files: {@link CsvChunkerRejectionTest}.
 */
class CsvChunkerTest {

    @TempDir
    Path dir;

    private static List<Chunk> collect(CsvChunker chunker, Path csv, BulkJobSpec spec, int skip, List<Chunk> sink)
            throws IOException {
        chunker.read(csv, spec, sink::add, skip);
        return sink;
    }

    /** Asserts every chunk holds one CSV with the input header and exactly the input rows, in order. */
    private static void assertChunksReassemble(List<Chunk> chunks, List<List<String>> rows, long firstRowOfFirst)
            throws IOException {
        List<List<String>> seen = new ArrayList<>();
        long expectedFirst = firstRowOfFirst;
        for (Chunk c : chunks) {
            TestCsv.Entry e = TestCsv.unzipSingle(c.zip());
            assertThat(e.name()).isEqualTo(c.entryName());
            List<List<String>> parsed = TestCsv.parse(e.bytes(), ',');
            assertThat(parsed.get(0)).isEqualTo(TestCsv.HEADER);
            assertThat(parsed).hasSize(c.rowCount() + 1);
            assertThat(c.firstRow()).isEqualTo(expectedFirst);
            expectedFirst += c.rowCount();
            seen.addAll(parsed.subList(1, parsed.size()));
        }
        assertThat(seen).isEqualTo(rows.subList((int) firstRowOfFirst - 1, (int) firstRowOfFirst - 1 + seen.size()));
    }

    @Test
    void splits60000TrickyRowsInto25k25k10k() throws IOException {
        List<List<String>> rows = TestCsv.rows(60_000, 1);
        Path csv = TestCsv.write(dir.resolve("leads 2024.csv"), TestCsv.HEADER, rows, ',', false);

        List<Chunk> chunks = collect(new CsvChunker(ChunkerSettings.defaults().withParallelism(3)), csv,
                BulkJobSpec.defaults(), 0, new ArrayList<>());

        assertThat(chunks).extracting(Chunk::rowCount).containsExactly(25_000, 25_000, 10_000);
        assertThat(chunks).extracting(Chunk::index).containsExactly(0, 1, 2);
        assertThat(chunks).extracting(Chunk::firstRow).containsExactly(1L, 25_001L, 50_001L);
        assertThat(chunks).extracting(Chunk::entryName)
                .containsExactly("leads_2024_part001.csv", "leads_2024_part002.csv", "leads_2024_part003.csv");
        assertChunksReassemble(chunks, rows, 1);
        String text = new String(TestCsv.unzipSingle(chunks.get(0).zip()).bytes(), StandardCharsets.UTF_8);
        assertThat(text).startsWith(String.join(",", TestCsv.HEADER) + "\r\n").contains("日本語", "Café é", "\uD83D\uDE00");
    }

    @Test
    void sequentialAndParallelGiveIdenticalChunksAndPlanMatchesPreflight() throws IOException {
        List<List<String>> rows = TestCsv.rows(12_345, 2);
        Path csv = TestCsv.write(dir.resolve("a.csv"), TestCsv.HEADER, rows, ',', false);
        ChunkerSettings s = ChunkerSettings.defaults().withMaxRows(1000);
        List<Chunk> seq = new ArrayList<>();
        ChunkPlan plan = new CsvChunker(s.withParallelism(1)).read(csv, BulkJobSpec.defaults(), seq::add, 0);
        List<Chunk> par = collect(new CsvChunker(s.withParallelism(4)), csv, BulkJobSpec.defaults(), 0, new ArrayList<>());
        assertThat(par).hasSize(13);
        for (int i = 0; i < seq.size(); i++) {
            assertThat(TestCsv.unzipSingle(par.get(i).zip()).bytes()).isEqualTo(TestCsv.unzipSingle(seq.get(i).zip()).bytes());
        }
        ChunkPlan pre = new CsvChunker(s).preflight(csv, BulkJobSpec.defaults());
        assertThat(pre.chunks()).isEqualTo(plan.chunks());
        assertThat(pre.totalRows()).isEqualTo(12_345);
        assertThat(pre.zipBytes()).isZero();
        assertThat(plan.zipBytes()).isEqualTo(seq.stream().mapToLong(c -> c.zip().length).sum());
        assertThat(plan.csvBytes()).isEqualTo(pre.csvBytes());
        assertThat(plan.mappings().toJson()).hasSize(5);
    }

    @Test
    void bomIsStrippedAndRemembered() throws IOException {
        List<List<String>> rows = TestCsv.rows(100, 3);
        Path csv = TestCsv.write(dir.resolve("bom.csv"), TestCsv.HEADER, rows, ',', true);
        List<Chunk> chunks = new ArrayList<>();
        ChunkPlan plan = new CsvChunker().read(csv, BulkJobSpec.defaults(), chunks::add, 0);
        assertThat(plan.bom()).isTrue();
        assertThat(plan.mappings().header().get(0)).isEqualTo("Last_Name");
        byte[] inner = TestCsv.unzipSingle(chunks.get(0).zip()).bytes();
        assertThat(inner[0]).isEqualTo((byte) 'L'); // no BOM in the upload
        assertChunksReassemble(chunks, rows, 1);
    }

    @Test
    void customDelimiterIsReadAndUploadUsesComma() throws IOException {
        List<List<String>> rows = TestCsv.rows(500, 4);
        Path csv = TestCsv.write(dir.resolve("semi.csv"), TestCsv.HEADER, rows, ';', false);
        BulkJobSpec spec = new BulkJobSpec(null, false, ";", null, null);
        List<Chunk> chunks = collect(new CsvChunker(), csv, spec, 0, new ArrayList<>());
        assertThat(chunks).hasSize(1);
        assertChunksReassemble(chunks, rows, 1);
        String text = new String(TestCsv.unzipSingle(chunks.get(0).zip()).bytes(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("Last_Name,First_Name,Email,Description,Account_Name.id\r\n");
    }

    @Test
    void lfLineEndsWhenConfigured() throws IOException {
        Path csv = TestCsv.writeRaw(dir.resolve("lf.csv"), "Last_Name,Email\r\nA,a@x\r\nB,b@x\r\n");
        List<Chunk> chunks = collect(new CsvChunker(ChunkerSettings.defaults().withCrlf(false)), csv,
                BulkJobSpec.defaults(), 0, new ArrayList<>());
        assertThat(new String(TestCsv.unzipSingle(chunks.get(0).zip()).bytes(), StandardCharsets.UTF_8))
                .isEqualTo("Last_Name,Email\nA,a@x\nB,b@x\n");
    }

    @Test
    void byteLimitForcesSmallerChunksWithoutBreakingRows() throws IOException {
        List<List<String>> rows = TestCsv.rows(3_000, 5);
        Path csv = TestCsv.write(dir.resolve("bytes.csv"), TestCsv.HEADER, rows, ',', false);
        int limit = 20_000;
        List<Chunk> chunks = collect(new CsvChunker(ChunkerSettings.defaults().withMaxChunkBytes(limit)), csv,
                BulkJobSpec.defaults(), 0, new ArrayList<>());
        assertThat(chunks.size()).isGreaterThan(5);
        for (Chunk c : chunks) {
            int size = TestCsv.unzipSingle(c.zip()).bytes().length;
            assertThat(size).isLessThanOrEqualTo(limit);
            assertThat(c.rowCount()).isLessThan(3_000);
        }
        // a chunk is only closed when the next row would not fit
        for (int i = 0; i < chunks.size() - 1; i++) {
            assertThat(TestCsv.unzipSingle(chunks.get(i).zip()).bytes().length).isGreaterThan(limit - 400);
        }
        assertChunksReassemble(chunks, rows, 1);
    }

    @Test
    void skipChunksParsesButDoesNotHandOver() throws IOException {
        List<List<String>> rows = TestCsv.rows(10_500, 6);
        Path csv = TestCsv.write(dir.resolve("skip.csv"), TestCsv.HEADER, rows, ',', false);
        CsvChunker chunker = new CsvChunker(ChunkerSettings.defaults().withMaxRows(2_000));
        List<Chunk> chunks = new ArrayList<>();
        ChunkPlan plan = chunker.read(csv, BulkJobSpec.defaults(), chunks::add, 3);
        assertThat(plan.chunkCount()).isEqualTo(6);
        assertThat(plan.skipped()).isEqualTo(3);
        assertThat(plan.totalRows()).isEqualTo(10_500);
        assertThat(chunks).extracting(Chunk::index).containsExactly(3, 4, 5);
        assertThat(chunks).extracting(Chunk::rowCount).containsExactly(2_000, 2_000, 500);
        assertChunksReassemble(chunks, rows, 6_001);
        assertThat(plan.chunks().get(5)).isEqualTo(new ChunkPlan.Bounds(5, 10_001, 500, plan.chunks().get(5).csvBytes()));
    }

    @Test
    void shortRowsArePaddedAndQuotedEmptyCellsKept() throws IOException {
        Path csv = TestCsv.writeRaw(dir.resolve("short.csv"), "Last_Name,Email,Phone\nA\nB,\"\",\n\nC,\"x\"\"y\",1\n");
        List<Chunk> chunks = collect(new CsvChunker(), csv, BulkJobSpec.defaults(), 0, new ArrayList<>());
        assertThat(TestCsv.parse(TestCsv.unzipSingle(chunks.get(0).zip()).bytes(), ',')).containsExactly(
                List.of("Last_Name", "Email", "Phone"), List.of("A", "", ""), List.of("B", "", ""),
                List.of("C", "x\"y", "1"));
    }

    @Test
    void consumerFailureStopsTheRunAndPropagates() throws IOException {
        Path csv = TestCsv.write(dir.resolve("c.csv"), TestCsv.HEADER, TestCsv.rows(5_000, 7), ',', false);
        List<Integer> got = new ArrayList<>();
        assertThatThrownBy(() -> new CsvChunker(ChunkerSettings.defaults().withMaxRows(500).withParallelism(2))
                .read(csv, BulkJobSpec.defaults(), c -> {
                    got.add(c.index());
                    if (c.index() == 2) {
                        throw new IOException("upload failed");
                    }
                }, 0)).isInstanceOf(IOException.class).hasMessage("upload failed");
        assertThat(got).containsExactly(0, 1, 2);
    }

    @Test
    void renameAndColumnsFlowIntoThePlan() throws IOException {
        Path csv = TestCsv.writeRaw(dir.resolve("r.csv"), "Surname,Mail,Born\nA,a@x,2001-02-03\n");
        BulkJobSpec spec = new BulkJobSpec("Email", true, ",", Map.of("Surname", "Last_Name", "Mail", "Email",
                "Born", "Date_of_Birth"), Map.of("Date_of_Birth", new BulkJobSpec.ColumnSpec("yyyy-MM-dd", null)));
        ChunkPlan plan = new CsvChunker().preflight(csv, spec);
        plan.mappings().requireFindBy(spec);
        assertThat(plan.mappings().toJson().toString()).isEqualTo("[{\"api_name\":\"Last_Name\",\"index\":0},"
                + "{\"api_name\":\"Email\",\"index\":1},{\"api_name\":\"Date_of_Birth\",\"index\":2,\"format\":\"yyyy-MM-dd\"}]");
        assertThat(plan.mappings().header()).containsExactly("Surname", "Mail", "Born");
    }
}
