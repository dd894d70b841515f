package io.zohocamel.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.zohocamel.sandbox.SandboxSettings;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.PackagedService;
import io.zohocamel.support.TestPostgres;

/** What poll cycles cost over many unfinished jobs in a shared (PostgreSQL) job store. */
final class PollingBench {

    private PollingBench() {
    }

    /**
     * 4. 10,000 unfinished bulk-write jobs in a PostgreSQL job store, Zoho at 100 ms and 10 concurrent
     * calls: what poll cycles cost in calls, time and database transactions, and whether any job is
     * asked about sooner than its backoff allows.
     */
    static void run(BenchGoals goals) throws Exception {
        int jobs = 10_000;
        Duration window = Duration.ofSeconds(45);
        try (ZohoSandbox zoho = new ZohoSandbox(SandboxSettings.defaults().withLatency(Duration.ofMillis(100))
                .withConcurrencyCap(10).withJobStep(Duration.ofHours(1))).start();
             TestPostgres pg = TestPostgres.create("zoho_bench")) {
            for (int i = 0; i < jobs; i++) {
                String file = String.valueOf(4_150_868_008_000_000L + i);
                zoho.seedFile(file, "p" + i + ".csv", List.of("Last_Name"), List.of(List.of("Bench " + i)));
                zoho.seedBulkJob(String.valueOf(4_150_868_009_000_000L + i), "{\"operation\":\"insert\",\"resource\":[{\"type\":\"data\",\"module\":"
                        + "{\"api_name\":\"Leads\"},\"file_id\":\"" + file + "\",\"field_mappings\":[{\"api_name\":\"Last_Name\",\"index\":0}]}]}");
            }
            Map<String, String> env = new java.util.HashMap<>(RuntimeRuns.realZoho(zoho));
            env.put("JOBSTORE_URL", pg.url);
            env.put("JOBSTORE_USER", TestPostgres.USER);
            env.put("JOBSTORE_PASSWORD", TestPostgres.PASSWORD);
            env.put("POLL_PERIOD", "10s");
            try (PackagedService service = new PackagedService(env, RuntimeRuns.JVM)) {
                service.awaitUp(Duration.ofSeconds(90));
                long now = System.currentTimeMillis();
                try (java.sql.Connection c = pg.connect();
                     java.sql.PreparedStatement insert = c.prepareStatement("insert into zoho_job (kind, module, zoho_job_id, "
                             + "status, zoho_status, next_poll_at, poll_interval_ms, created_at, updated_at) "
                             + "values ('BULK_WRITE', 'Leads', ?, 'ADDED', 'ADDED', ?, 10000, ?, ?)")) {
                    for (int i = 0; i < jobs; i++) {
                        insert.setString(1, String.valueOf(4_150_868_009_000_000L + i));
                        insert.setLong(2, now);
                        insert.setLong(3, now);
                        insert.setLong(4, now);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                zoho.resetObservations();
                long commitsBefore = commits(pg);
                long start = System.nanoTime();
                Thread.sleep(window.toMillis());
                double seconds = (System.nanoTime() - start) / 1e9;
                long transactions = commits(pg) - commitsBefore;
                Map<String, List<Instant>> polls = new java.util.HashMap<>();
                zoho.requestLog().stream().filter(r -> ZohoSandbox.BULK_WRITE_JOB.equals(r.pattern()))
                        .forEach(r -> polls.computeIfAbsent(r.path(), k -> new ArrayList<>()).add(r.at()));
                int calls = polls.values().stream().mapToInt(List::size).sum();
                long tooSoon = polls.values().stream().filter(at -> at.size() > 1)
                        .filter(at -> Duration.between(at.get(0), at.get(1)).toMillis() < 10_000).count();
                System.out.printf(Locale.ROOT, "polling: %,d unfinished jobs, Zoho at 100 ms / 10 at once: %,d status calls in %.0f s"
                        + " (%.1f calls/s, %,d jobs asked once, %d asked again sooner than their 10 s backoff), %,d database"
                        + " transactions (%.2f per call), max %d calls in flight, %d 429s; poll.batch-size 500 a cycle%n",
                        jobs, calls, seconds, calls / seconds, polls.size(), tooSoon, transactions,
                        calls == 0 ? 0.0 : (double) transactions / calls, zoho.maxInFlight(), zoho.tooManyRequestsSent());
                goals.add("polling 10,000 unfinished jobs (PostgreSQL job store, Zoho at 100 ms)",
                        String.format(Locale.ROOT, "%.1f calls/s, %d asked sooner than their backoff, %d 429s", calls / seconds,
                                tooSoon, zoho.tooManyRequestsSent()),
                        "cap and backoff respected", tooSoon == 0 && zoho.tooManyRequestsSent() == 0);
            }
        }
    }

    private static long commits(TestPostgres pg) throws java.sql.SQLException {
        try (java.sql.Connection c = pg.connect(); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("select xact_commit from pg_stat_database where datname = current_database()")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
