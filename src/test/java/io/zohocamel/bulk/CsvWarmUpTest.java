package io.zohocamel.bulk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class CsvWarmUpTest {

    @Test
    void runsTheWholeCsvPathAndLeavesNothingBehind(@TempDir Path dir) throws Exception {
        Path customerFile = Files.writeString(dir.resolve("leads.csv"), "Last_Name\nSmith\n");

        long zipped = CsvWarmUp.run(new CsvChunker(ChunkerSettings.defaults()), dir);

        // 300,000 rows in 12 chunks of 25,000, each zipped: the path a real file takes, all of it
        assertThat(zipped).as("ZIP bytes made").isGreaterThan(1_000_000);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactly(customerFile);
        }
    }

    @Test
    void aFileLeftByAKilledWarmUpIsRemovedAndNothingElse(@TempDir Path dir) throws Exception {
        Path leftover = Files.writeString(dir.resolve(".warm-up-123.csv"), "Last_Name\nx\n");
        Path customerFile = Files.writeString(dir.resolve("warm-up.csv"), "Last_Name\nSmith\n");

        CsvWarmUp.deleteLeftovers(dir);

        assertThat(leftover).doesNotExist();
        assertThat(customerFile).exists();
    }
}
