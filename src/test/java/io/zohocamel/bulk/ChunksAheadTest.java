package io.zohocamel.bulk;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Chunks zipped while the file is validated, then the rest cut: the same chunks, in the same order, as one cutting pass. */
class ChunksAheadTest {

    @TempDir
    Path dir;

    private final ChunkerSettings settings = ChunkerSettings.defaults().withMaxRows(1000).withParallelism(2);

    @Test
    void chunksZippedAheadAndTheRestCutAreTheChunksOfOnePass() throws IOException {
        Path csv = TestCsv.write(dir.resolve("a.csv"), TestCsv.HEADER, TestCsv.rows(12_345, 3), ',', false);
        CsvChunker chunker = new CsvChunker(settings);
        List<Chunk> onePass = new ArrayList<>();
        chunker.read(csv, BulkJobSpec.defaults(), onePass::add, 0);

        ChunksAhead ahead = new ChunksAhead(csvBytesOfFirst(chunker, csv, 4));
        ChunkPlan plan = chunker.preflight(csv, BulkJobSpec.defaults(), ahead);

        assertThat(ahead.count()).as("a prefix within the budget").isEqualTo(4);
        assertThat(plan.chunkCount()).isEqualTo(13);
        assertThat(streamed(chunker, csv, ahead.chunks(), Set.of())).usingElementComparator(ChunksAheadTest::sameChunk)
                .containsExactlyElementsOf(onePass);
    }

    @Test
    void aResumedFileSkipsItsChunksWithJobsAlsoAmongThoseZippedAhead() throws IOException {
        Path csv = TestCsv.write(dir.resolve("b.csv"), TestCsv.HEADER, TestCsv.rows(5_500, 4), ',', false);
        CsvChunker chunker = new CsvChunker(settings);
        List<Chunk> onePass = new ArrayList<>();
        chunker.read(csv, BulkJobSpec.defaults(), onePass::add, index -> index == 1 || index == 4);

        ChunksAhead ahead = new ChunksAhead(csvBytesOfFirst(chunker, csv, 3));
        chunker.preflight(csv, BulkJobSpec.defaults(), ahead);

        assertThat(streamed(chunker, csv, ahead.chunks(), Set.of(1, 4))).usingElementComparator(ChunksAheadTest::sameChunk)
                .containsExactlyElementsOf(onePass);
        assertThat(onePass).extracting(Chunk::index).containsExactly(0, 2, 3, 5);
    }

    @Test
    void nothingIsHeldBeyondTheBudgetNorAfterTheFirstChunkThatDoesNotFit() {
        ChunksAhead ahead = new ChunksAhead(100);
        assertThat(ahead.take(0, 60)).isTrue();
        assertThat(ahead.take(1, 60)).isFalse();
        assertThat(ahead.take(2, 10)).as("only a prefix is held").isFalse();
        assertThat(new ChunksAhead(0).take(0, 1)).isFalse();
    }

    private static List<Chunk> streamed(CsvChunker chunker, Path csv, List<Chunk> ahead, Set<Integer> withJobs) {
        List<Chunk> out = new ArrayList<>();
        try (ChunkStream stream = new ChunkStream(chunker, csv, BulkJobSpec.defaults(), ahead, withJobs::contains, 2, "t")) {
            while (stream.hasNext()) {
                out.add(stream.next());
                stream.uploaded();
            }
        }
        return out;
    }

    /** CSV bytes of the file's first {@code n} chunks: a budget that holds exactly those. */
    private static long csvBytesOfFirst(CsvChunker chunker, Path csv, int n) throws IOException {
        return chunker.preflight(csv, BulkJobSpec.defaults()).chunks().subList(0, n).stream()
                .mapToLong(ChunkPlan.Bounds::csvBytes).sum();
    }

    private static int sameChunk(Chunk a, Chunk b) {
        try {
            boolean same = a.index() == b.index() && a.firstRow() == b.firstRow() && a.rowCount() == b.rowCount()
                    && a.entryName().equals(b.entryName())
                    && java.util.Arrays.equals(TestCsv.unzipSingle(a.zip()).bytes(), TestCsv.unzipSingle(b.zip()).bytes());
            return same ? 0 : 1;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
