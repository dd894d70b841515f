package io.zohocamel;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.zohocamel.sandbox.SandboxLoggedRequest;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.RuntimeTestSupport;
import org.apache.camel.BeanInject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Zoho answering slowly, an upsert file's chunks become jobs several at a time (a job created twice finds
 * the same records), a plain insert's strictly one at a time (a job created twice would insert its rows twice).
 * Measured at the sandbox: how many POST /crm/bulk/v8/write calls of each operation overlapped.
 */
class BulkJobCreationTest extends RuntimeTestSupport {

    private static final Duration LATENCY = Duration.ofMillis(400);

    @BeanInject
    ZohoSandbox sandbox;

    @Override
    protected Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>(QUICK_BULK);
        settings.put("zoho.sandbox.latency", LATENCY.toMillis() + "ms");
        settings.put("poll.period", "5s"); // the poller's calls are not what is measured
        return settings;
    }

    @Test
    void upsertChunksBecomeJobsConcurrentlyAndPlainInsertChunksOneAtATime() throws Exception {
        Files.createDirectories(dataDir.resolve("inbox/Leads/upsert"));
        Files.writeString(dataDir.resolve("inbox/Leads/upsert/job.json"), "{\"find_by\":\"Email\"}");
        dropLeads("Leads/upsert/upsert.csv", 60_000, "u");
        dropLeads("Leads/insert/insert.csv", 60_000, "i");

        await("both files submitted", Duration.ofSeconds(120), () -> Files.exists(dataDir.resolve("done/Leads/upsert/upsert.csv"))
                && Files.exists(dataDir.resolve("done/Leads/insert/insert.csv")));

        List<SandboxLoggedRequest> creations = sandbox.requestLog().stream()
                .filter(r -> r.method().equals("POST") && r.pattern().equals(ZohoSandbox.BULK_WRITE)).toList();
        List<Instant> upserts = ends(creations, "upsert");
        List<Instant> inserts = ends(creations, "insert");
        assertThat(upserts).hasSize(3);
        assertThat(inserts).hasSize(3);
        assertThat(maxOverlapping(upserts)).as("upsert job creations in flight at once").isGreaterThanOrEqualTo(2);
        assertThat(maxOverlapping(inserts)).as("insert job creations in flight at once").isEqualTo(1);
    }

    private static List<Instant> ends(List<SandboxLoggedRequest> creations, String operation) {
        return creations.stream().filter(r -> r.body() != null && r.body().contains("\"operation\":\"" + operation + "\""))
                .map(SandboxLoggedRequest::at).sorted().toList();
    }

    /**
     * Each call spends at least the sandbox's latency inside it, so it was in flight during the latency before
     * it was answered: the most such windows (90 % of it, for clock granularity) that share a moment.
     */
    private static int maxOverlapping(List<Instant> ends) {
        long window = LATENCY.toMillis() * 9 / 10;
        int max = 0;
        for (Instant end : ends) {
            long t = end.toEpochMilli();
            int overlapping = (int) ends.stream().mapToLong(Instant::toEpochMilli).filter(e -> e >= t && e - window < t).count();
            max = Math.max(max, overlapping);
        }
        return max;
    }
}
