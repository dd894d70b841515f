package io.zohocamel.jobs;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.zohocamel.support.RuntimeTestSupport;
import io.zohocamel.support.TestPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What /jobs lists, as the store keeps it (V4): files refused before they were recorded and requests
 * dead-lettered before any call, with their codes, next to everything else, newest arrival first, a page
 * at a time. On H2 and on PostgreSQL when a server is reachable.
 */
class JobStoreListingTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void h2() throws Exception {
        Path dir = Path.of("target", "test-data", "JobStoreListingTest").toAbsolutePath();
        RuntimeTestSupport.deleteTree(dir);
        try (HikariDataSource ds = JobStoreDataSource.create("jdbc:h2:file:" + dir.resolve("jobs"), null, null, dir)) {
            refusedOnesAreListedNewestFirst(ds);
        }
    }

    @Test
    void postgres() throws Exception {
        Assumptions.assumeTrue(TestPostgres.available(), "no PostgreSQL reachable");
        try (TestPostgres pg = TestPostgres.create("listing_test");
             HikariDataSource ds = JobStoreDataSource.create(pg.url, TestPostgres.USER, TestPostgres.PASSWORD, Path.of("target"))) {
            assertThat(new JobStore(ds, Clock.systemUTC()).isPostgres()).isTrue();
            refusedOnesAreListedNewestFirst(ds);
        }
    }

    private static void refusedOnesAreListedNewestFirst(HikariDataSource ds) {
        long t0 = T0.toEpochMilli();
        JobStore store = new JobStore(ds, Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));
        BulkFile accepted = store.bulkFile("sum-1", "Leads", "insert", "good.csv", "/data/inbox/Leads/insert/good.csv",
                "good", null, t0);
        // the same broken bytes dropped twice, and a file in no module folder: three rows, none claiming content
        BulkFile broken = store.rejectedBulkFile("Leads", "insert", "broken.csv", "/data/error/Leads/insert/broken.csv",
                "INVALID_CSV", "INVALID_CSV: unclosed quote", t0 + 1_000);
        store.rejectedBulkFile("Leads", "insert", "broken.csv", "/data/error/Leads/insert/broken-1.csv", "INVALID_CSV",
                "INVALID_CSV: unclosed quote", t0 + 2_000);
        BulkFile lost = store.rejectedBulkFile(null, null, "stray.csv", "/data/error/stray.csv", "UNEXPECTED_LOCATION",
                "UNEXPECTED_LOCATION: files go to inbox/<Module>/<operation>/", t0 + 3_000);
        assertThat(broken).extracting(BulkFile::status, BulkFile::errorCode, BulkFile::checksum, BulkFile::createdAt,
                BulkFile::tookMillis).containsExactly(BulkFile.ERROR, "INVALID_CSV", null, t0 + 1_000, 59_000L);
        assertThat(lost.module()).isNull();
        assertThat(accepted.tookMillis()).as("not over yet").isNull();
        store.bulkFileRejected(accepted.id(), "/data/error/Leads/insert/good.csv", "NO_PERMISSION", "NO_PERMISSION: no");
        assertThat(store.bulkFile(accepted.id()).orElseThrow()).extracting(BulkFile::status, BulkFile::errorCode)
                .containsExactly(BulkFile.ERROR, "NO_PERMISSION");

        List<String> files = store.bulkFilesPage(0, 3).stream().map(BulkFile::location).toList();
        assertThat(files).containsExactly("/data/error/stray.csv", "/data/error/Leads/insert/broken-1.csv",
                "/data/error/Leads/insert/broken.csv");
        assertThat(store.bulkFilesPage(3, 3)).extracting(BulkFile::fileName).containsExactly("good.csv");

        store.massUpdateDeadLettered("ID:not-json", null, null, "INVALID_JSON", "not JSON", t0 + 5_000);
        store.finishMassUpdate("done-1", "Leads", "ids", MassUpdateRecord.COMPLETED, "{\"status\":\"COMPLETED\"}", t0);
        // the same request id refused later keeps its completed record (a redelivery must find its result)
        store.massUpdateDeadLettered("done-1", null, null, "UNKNOWN_MODULE", "no such module", t0 + 6_000);
        // a request Zoho refused after it was started (cvid)
        store.startMassUpdate("cvid-1", "Deals", "cvid");
        store.massUpdateDeadLettered("cvid-1", "Deals", "cvid", "INVALID_DATA", "Zoho said no", t0 + 4_000);

        List<MassUpdateRecord> requests = store.massUpdatesPage(0, 10);
        assertThat(requests).extracting(MassUpdateRecord::requestId).containsExactly("cvid-1", "ID:not-json", "done-1");
        assertThat(requests.get(1)).extracting(MassUpdateRecord::status, MassUpdateRecord::errorCode, MassUpdateRecord::module,
                MassUpdateRecord::tookMillis).containsExactly(MassUpdateRecord.DEAD_LETTERED, "INVALID_JSON", null, 55_000L);
        assertThat(requests.get(0)).extracting(MassUpdateRecord::status, MassUpdateRecord::errorCode)
                .containsExactly(MassUpdateRecord.DEAD_LETTERED, "INVALID_DATA");
        assertThat(requests.get(2)).extracting(MassUpdateRecord::status, MassUpdateRecord::errorCode, MassUpdateRecord::tookMillis)
                .containsExactly(MassUpdateRecord.COMPLETED, null, 60_000L);
        // the producer fixed the refused cvid request and sent it again under its id: the refusal is forgotten
        store.updateMassUpdate("cvid-1", MassUpdateRecord.SCHEDULED, "zoho-1", null);
        assertThat(store.massUpdateRequest("cvid-1").orElseThrow()).extracting(MassUpdateRecord::status,
                MassUpdateRecord::errorCode, MassUpdateRecord::message).containsExactly(MassUpdateRecord.SCHEDULED, null, null);
        assertThat(store.massUpdatesPage(1, 1)).extracting(MassUpdateRecord::requestId).containsExactly("ID:not-json");
    }
}
