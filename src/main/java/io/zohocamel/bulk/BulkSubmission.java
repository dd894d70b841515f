package io.zohocamel.bulk;

import java.nio.file.Path;
import java.util.List;

import io.zohocamel.jobs.BulkFile;

/**
 * A dropped file on its way to Zoho: where it is and how to read it; once its one pass has ended, also
 * what the pass found, its job-store record and the uploaded chunks that still need their job.
 */
public record BulkSubmission(Path source, String module, String operation, BulkJobSpec spec, ChunkPlan plan,
                             BulkFile file, List<UploadedChunk> pending) {

    public BulkSubmission {
        pending = pending == null ? List.of() : List.copyOf(pending);
    }

    /** Accepted, not read yet. */
    static BulkSubmission accepted(Path source, String module, String operation, BulkJobSpec spec) {
        return new BulkSubmission(source, module, operation, spec, null, null, List.of());
    }

    BulkSubmission recorded(ChunkPlan readPlan, BulkFile record, List<UploadedChunk> waiting) {
        return new BulkSubmission(source, module, operation, spec, readPlan, record, waiting);
    }

    public String fileName() {
        return source.getFileName().toString();
    }

    /** Chunks in the file (0 until it has been read). */
    public int chunkCount() {
        return plan == null ? 0 : plan.chunkCount();
    }

    /** One bulk-write job to create per uploaded chunk that has none yet (the body of the job split). */
    public List<ChunkWork> pendingJobs() {
        return pending.stream().map(chunk -> new ChunkWork(this, chunk)).toList();
    }
}
