package io.zohocamel.bulk;

import java.io.IOException;

/** Receives chunks strictly in order, on the thread that called {@link CsvChunker#read}. */
@FunctionalInterface
public interface ChunkConsumer {
    void accept(Chunk chunk) throws IOException;
}
