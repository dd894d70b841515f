package io.zohocamel.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One mass update by custom view: SCHEDULED while queued (one jobStep unless told otherwise), RUNNING for one
 * jobStep (its Updated_Count growing evenly with the time run, Not_Updated_Count the records not updated yet, as
 * Zoho documents them), then due; applied, it is COMPLETED, or FAILED with nothing written when told to fail.
 */
final class SandboxMassJob {

    final String id;
    final String module;
    final String cvid;
    final Map<String, String> values;
    final Instant createdAt;
    final Duration step;
    /** How long it stays SCHEDULED before it runs. */
    final Duration queue;
    final boolean fail;
    /** Frozen at completion: [total, updated, notUpdated, failed]. */
    int[] finalCounts;

    SandboxMassJob(String id, String module, String cvid, Map<String, String> values, Instant createdAt,
                   Duration step, Duration queue, boolean fail) {
        this.id = id;
        this.module = module;
        this.cvid = cvid;
        this.values = values;
        this.createdAt = createdAt;
        this.step = step;
        this.queue = queue;
        this.fail = fail;
    }

    Instant completesAt() {
        return createdAt.plus(queue).plus(step);
    }

    /** Writes the values to every record of the module (the sandbox takes every cvid as "all records"). */
    void apply(SandboxRecords records) {
        synchronized (records) {
            List<String> all = records.ids(module);
            if (fail) {
                finalCounts = new int[] {all.size(), 0, 0, all.size()};
            } else {
                all.forEach(id -> records.update(module, id, values));
                finalCounts = new int[] {all.size(), all.size(), 0, 0};
            }
        }
    }

    /** The data[0] row of the status answer at {@code now}; total = the module's record count until applied. */
    ObjectNode statusRow(Instant now, int recordCount) {
        String status;
        int total;
        int updated;
        int notUpdated;
        int failed;
        if (finalCounts != null) {
            status = fail ? "FAILED" : "COMPLETED";
            total = finalCounts[0];
            updated = finalCounts[1];
            notUpdated = finalCounts[2];
            failed = finalCounts[3];
        } else {
            total = recordCount;
            failed = 0;
            Instant running = createdAt.plus(queue);
            if (now.isBefore(running)) {
                status = "SCHEDULED";
                updated = 0;
            } else {
                status = "RUNNING";
                double fraction = Duration.between(running, now).toNanos() / (double) Math.max(1, step.toNanos());
                updated = (int) Math.min(total, Math.floor(total * fraction));
            }
            notUpdated = total - updated;
        }
        ObjectNode row = SandboxJson.object();
        row.put("Status", status);
        row.put("Failed_Count", failed);
        row.put("Updated_Count", updated);
        row.put("Not_Updated_Count", notUpdated);
        row.put("Total_Count", total);
        return row;
    }
}
