package io.zohocamel.bulk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class CsvWarmUpTest {

    @Test
    void runsTheWholeCsvPathAndLeavesNothingBehind(@TempDir Path dir) throws Exception {
        Path customerFile = Files.writeString(dir.resolve("leads.csv"), "Last_Name\nSmith\n");
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        Metrics.addRegistry(metrics);
        CsvWarmUp.Done done;
        try {
            done = CsvWarmUp.run(new CsvChunker(ChunkerSettings.defaults()), dir);
        } finally {
            Metrics.removeRegistry(metrics);
        }

        // 300,000 rows in 12 chunks of 25,000, each zipped, uploaded and made a job: the path a real file takes
        assertThat(done.zipBytes()).as("ZIP bytes made").isGreaterThan(1_000_000);
        assertThat(done.jobs()).as("jobs created at the warm-up's own sandbox").isEqualTo(12);
        // those calls never reached Zoho: zoho_calls_total does not count them (counters made by earlier
        // tests in this JVM are copied into the registry, at zero)
        assertThat(metrics.find("zoho.calls").counters()).allSatisfy(c -> assertThat(c.count()).isZero());
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
