package io.zohocamel.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.zohocamel.zoho.ZohoResponse;

/** What the job store keeps from Zoho's answer about a job. */
final class ZohoJobs {

    private ZohoJobs() {
    }

    static JobCounts counts(ZohoResponse answer) {
        return answer.counts()
                .map(c -> new JobCounts(c.total(), c.added(), c.updated(), c.skipped(), c.failed(), c.notUpdated()))
                .orElse(JobCounts.NONE);
    }

    /** Why a bulk-write resource failed or was skipped, as Zoho put it (resource[].status / code / message). */
    static String resourceReason(ZohoResponse answer) {
        for (JsonNode resource : answer.body().path("resource")) {
            String status = resource.path("status").asText("");
            if ("FAILED".equalsIgnoreCase(status) || "SKIPPED".equalsIgnoreCase(status)) {
                String code = resource.path("code").asText(null);
                String message = resource.path("message").asText(null);
                return status + (code != null ? " " + code : "") + (message != null ? ": " + message : "");
            }
        }
        return null;
    }
}
