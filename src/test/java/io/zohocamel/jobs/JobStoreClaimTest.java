package io.zohocamel.jobs;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.zaxxer.hikari.HikariDataSource;
import io.zohocamel.support.RuntimeTestSupport;
import io.zohocamel.support.TestPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several instances claiming due jobs from one store: each job goes to one of them at a time, and the
 * jobs of an instance that stopped (its claims never released) go to another once the lease runs out.
 * On H2 (conditional updates) and on PostgreSQL (FOR UPDATE SKIP LOCKED) when a server is reachable.
 */
class JobStoreClaimTest {

    private static final long LEASE = 60_000;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void h2() throws Exception {
        Path dir = Path.of("target", "test-data", "JobStoreClaimTest").toAbsolutePath();
        RuntimeTestSupport.deleteTree(dir);
        try (HikariDataSource ds = JobStoreDataSource.create("jdbc:h2:file:" + dir.resolve("jobs"), null, null, dir)) {
            claimsAreExclusiveAndExpire(ds);
        }
    }

    @Test
    void postgres() throws Exception {
        Assumptions.assumeTrue(TestPostgres.available(), "no PostgreSQL reachable");
        try (TestPostgres pg = TestPostgres.create("claim_test");
             HikariDataSource ds = JobStoreDataSource.create(pg.url, TestPostgres.USER, TestPostgres.PASSWORD, Path.of("target"))) {
            assertThat(new JobStore(ds, Clock.systemUTC()).isPostgres()).isTrue();
            claimsAreExclusiveAndExpire(ds);
        }
    }

    private static void claimsAreExclusiveAndExpire(HikariDataSource ds) throws Exception {
        JobStore setup = new JobStore(ds, Clock.fixed(T0, ZoneOffset.UTC));
        for (int i = 0; i < 200; i++) {
            setup.massUpdateJob("Leads", "req-" + i, "zoho-" + i, T0.toEpochMilli() - 1, 1000);
        }
        // two instances, four pollers each, claiming at the same moment in batches of 30
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<List<TrackedJob>>> claims = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            JobStore store = new JobStore(ds, Clock.fixed(T0, ZoneOffset.UTC));
            String owner = "instance-" + (i % 2);
            Callable<List<TrackedJob>> claim = () -> {
                List<TrackedJob> mine = new ArrayList<>();
                List<TrackedJob> batch;
                while (!(batch = store.claimDue(owner, 30, LEASE)).isEmpty()) {
                    mine.addAll(batch);
                }
                return mine;
            };
            claims.add(pool.submit(claim));
        }
        Set<Long> seen = new HashSet<>();
        int total = 0;
        for (Future<List<TrackedJob>> f : claims) {
            for (TrackedJob job : f.get()) {
                total++;
                seen.add(job.id());
            }
        }
        pool.shutdown();
        assertThat(total).as("claims").isEqualTo(200);
        assertThat(seen).hasSize(200);

        // the claims are never released (the instance died): nobody gets them within the lease ...
        JobStore survivor = new JobStore(ds, Clock.fixed(T0.plusMillis(LEASE - 1), ZoneOffset.UTC));
        assertThat(survivor.claimDue("survivor", 500, LEASE)).isEmpty();
        // ... and the survivor gets all of them once it ran out, oldest due first
        JobStore later = new JobStore(ds, Clock.fixed(T0.plus(Duration.ofMillis(LEASE + 1)), ZoneOffset.UTC));
        List<TrackedJob> takenOver = later.claimDue("survivor", 500, LEASE);
        assertThat(takenOver).hasSize(200);
        assertThat(takenOver).extracting(TrackedJob::id).isSorted();
    }
}
