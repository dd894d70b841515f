package io.zohocamel.bulk;

import java.nio.file.Path;

import io.zohocamel.jobs.BulkFile;

/**
 * A dropped file on its way to Zoho: where it is and how to read it; once every row has been validated,
 * also what that pass found (chunk boundaries) and its job-store record.
 */
public record BulkSubmission(Path source, String module, String operation, BulkJobSpec spec, ChunkPlan plan,
                             BulkFile file) {

    /** Accepted, not read yet. */
    static BulkSubmission accepted(Path source, String module, String operation, BulkJobSpec spec) {
        return new BulkSubmission(source, module, operation, spec, null, null);
    }

    BulkSubmission recorded(ChunkPlan validated, BulkFile record) {
        return new BulkSubmission(source, module, operation, spec, validated, record);
    }

    /** With the API the file goes to decided ({@link BulkJobSpec#api()}). */
    BulkSubmission through(String api) {
        return new BulkSubmission(source, module, operation, spec.withApi(api), plan, file);
    }

    public String fileName() {
        return source.getFileName().toString();
    }

    /** Chunks in the file (0 until it has been read). */
    public int chunkCount() {
        return plan == null ? 0 : plan.chunkCount();
    }
}
