package io.zohocamel.bulk;

import java.nio.file.Path;

import io.zohocamel.jobs.BulkFile;

/** A dropped file on its way to Zoho: where it is, how to read it, and its job-store record. */
public record BulkSubmission(Path source, String module, String operation, BulkJobSpec spec, ChunkPlan plan,
                             BulkFile file) {

    public String fileName() {
        return source.getFileName().toString();
    }
}
