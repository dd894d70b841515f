package io.zohocamel.bulk;

import java.util.ArrayList;
import java.util.List;

/**
 * The first chunks of a file, zipped while the file is still being validated and held until it has
 * proved good: uploads can start the moment validation ends, and the zipping of those chunks used the
 * core that validation leaves idle. Only a prefix of the file's chunks is held (chunk 0, 1, … while
 * their CSV bytes fit the budget), so the cutting pass skips exactly those. A file refused later simply
 * drops them: nothing was sent.
 */
final class ChunksAhead {

    private final long budgetCsvBytes;
    private final List<Chunk> held = new ArrayList<>();
    private int taken;
    private long takenBytes;
    private boolean closed;

    /** @param budgetCsvBytes CSV bytes of chunks that may be zipped ahead (their ZIPs take about a quarter) */
    ChunksAhead(long budgetCsvBytes) {
        this.budgetCsvBytes = budgetCsvBytes;
    }

    /** Whether chunk {@code index} of {@code csvBytes} is zipped ahead: yes while the prefix fits the budget. */
    boolean take(int index, int csvBytes) {
        if (closed || index != taken || takenBytes + csvBytes > budgetCsvBytes) {
            closed = true; // a prefix only: once one is refused, every later one is too
            return false;
        }
        taken++;
        takenBytes += csvBytes;
        return true;
    }

    void accept(Chunk chunk) {
        held.add(chunk);
    }

    /** The held chunks, in order. */
    List<Chunk> chunks() {
        return List.copyOf(held);
    }

    /** Chunks 0 … count-1 are held. */
    int count() {
        return held.size();
    }
}
