package io.zohocamel.bulk;

/** One chunk of a submission as it travels through the bulk-chunk route. */
public final class ChunkWork {

    private final BulkSubmission submission;
    private final Chunk chunk;
    private long jobRowId;
    private String uploadFileId;

    public ChunkWork(BulkSubmission submission, Chunk chunk) {
        this.submission = submission;
        this.chunk = chunk;
    }

    public BulkSubmission submission() {
        return submission;
    }

    public Chunk chunk() {
        return chunk;
    }

    public long jobRowId() {
        return jobRowId;
    }

    public String uploadFileId() {
        return uploadFileId;
    }

    void uploaded(long rowId, String fileId) {
        this.jobRowId = rowId;
        this.uploadFileId = fileId;
    }

    public String describe() {
        return submission.fileName() + " chunk " + (chunk.index() + 1) + "/" + submission.plan().chunkCount();
    }
}
