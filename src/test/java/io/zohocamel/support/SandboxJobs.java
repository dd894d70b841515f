package io.zohocamel.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.zohocamel.common.Json;
import io.zohocamel.jobs.BulkFile;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.jobs.TrackedJob;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.zoho.ZohoClient;
import io.zohocamel.zoho.ZohoResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Jobs made at the sandbox and registered in the job store as the flows do, for the poller's tests. */
public final class SandboxJobs {

    private SandboxJobs() {
    }

    /**
     * A bulk-write insert job of {@code rows} Leads (file {@code fileId} seeded at the sandbox), created through the
     * client and recorded as the bulk-write flow records a chunk's job.
     */
    public static TrackedJob bulkJob(ZohoSandbox sandbox, ZohoClient zoho, JobStore store, Path dataDir, String fileId,
                                     int rows, long firstPollAt, long intervalMs) {
        List<List<String>> data = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            data.add(List.of("Poll" + fileId + "-" + i));
        }
        sandbox.seedFile(fileId, "chunk.csv", List.of("Last_Name"), data);
        ZohoResponse created;
        try {
            created = zoho.createBulkWriteJob(Json.MAPPER.readTree("{\"operation\":\"insert\",\"resource\":[{\"type\":\"data\","
                    + "\"module\":{\"api_name\":\"Leads\"},\"file_id\":\"" + fileId + "\","
                    + "\"field_mappings\":[{\"api_name\":\"Last_Name\",\"index\":0}]}]}"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        assertThat(created.isSuccess()).as(created.toString()).isTrue();
        String jobId = created.jobId().orElseThrow();
        BulkFile file = store.bulkFile(UUID.randomUUID().toString(), "Leads", "insert", "f" + fileId + ".csv",
                dataDir.resolve("done/f" + fileId + ".csv").toString(), null, null);
        store.chunkJobCreated(file.id(), "Leads", 0, 1, rows, fileId, jobId, firstPollAt, intervalMs);
        return store.chunkJob(file.id(), 0).orElseThrow();
    }

    /** A scheduled (cvid) mass update of {@code module} at the sandbox, registered as the mass-update flow does. */
    public static TrackedJob massUpdateJob(ZohoSandbox sandbox, JobStore store, String module, String jobId, boolean fail,
                                           long firstPollAt, long intervalMs) {
        String requestId = "poll-" + jobId;
        sandbox.seedMassUpdateJob(jobId, module, "4150868000000087501", Map.of("Lead_Source", "Web"), fail);
        store.startMassUpdate(requestId, module, "cvid");
        store.updateMassUpdate(requestId, "SCHEDULED", jobId, null);
        return store.massUpdateJob(module, requestId, jobId, firstPollAt, intervalMs);
    }

    /** The status calls the sandbox got for the job (bulk-write details or mass-update status). */
    public static int statusCalls(ZohoSandbox sandbox, TrackedJob job) {
        return (int) sandbox.requestLog().stream()
                .filter(r -> "GET".equals(r.method()))
                .filter(r -> r.path().endsWith("/" + job.zohoJobId())
                        || (r.query() != null && r.query().contains("job_id=" + job.zohoJobId())))
                .count();
    }
}
