package io.zohocamel.bulk;

/** One uploaded chunk of a submission on its way to becoming a bulk-write job (bulk-create-job route). */
public record ChunkWork(BulkSubmission submission, UploadedChunk chunk) {

    public String describe() {
        return submission.fileName() + " chunk " + (chunk.index() + 1) + "/" + submission.chunkCount();
    }
}
