package io.zohocamel.bulk;

/** A Zoho refusal for one chunk, with the chunk it happened on, for the operator's error file. */
public class ChunkFailure extends RuntimeException {

    private final int chunkIndex;

    public ChunkFailure(int chunkIndex, RuntimeException cause) {
        super(cause.getMessage(), cause);
        this.chunkIndex = chunkIndex;
    }

    public int chunkIndex() {
        return chunkIndex;
    }
}
