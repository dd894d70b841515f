package io.zohocamel.bulk;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The part of a file being scanned, in one array that keeps the unread bytes and grows to hold the
 * longest record, for {@link PlainRecordScanner}. Positions are indexes into {@link #bytes()}, valid
 * until the next {@link #fill()}.
 */
final class ByteWindow implements Closeable {

    private static final int INITIAL_BUFFER = 1 << 20;
    /** Records longer than this go to FastCSV (its size limits decide); far above any chunk's share. */
    private static final int MAX_RECORD_BYTES = 32 << 20;

    private InputStream in;
    private byte[] b = new byte[INITIAL_BUFFER];
    private int pos;
    private int lim;
    private long base; // file offset of b[0]
    private boolean eof;

    ByteWindow(InputStream in) {
        this.in = in;
    }

    byte[] bytes() {
        return b;
    }

    /** Where the unread bytes start. */
    int position() {
        return pos;
    }

    void moveTo(int position) {
        pos = position;
    }

    /** Where the bytes read so far end. */
    int limit() {
        return lim;
    }

    /** Whether the file has no bytes beyond {@link #limit()}. */
    boolean atEof() {
        return eof;
    }

    /** File offset of the read position. */
    long offset() {
        return base + pos;
    }

    /** Whether the file starts with a UTF-16 byte order mark (call after the first {@link #fill}). */
    boolean startsWithUtf16Bom() {
        return lim >= 2 && ((b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF || (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE);
    }

    /** Steps over a UTF-8 byte order mark at the start of the file; whether there was one. */
    boolean skipUtf8Bom() {
        if (lim >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            pos = 3;
            return true;
        }
        return false;
    }

    /** Keeps the unread part, reads more; false when the record in hand is too long for this level. */
    boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(b, pos, b, 0, lim - pos);
            base += pos;
            lim -= pos;
            pos = 0;
        }
        if (lim == b.length) {
            if (b.length >= MAX_RECORD_BYTES) {
                return false;
            }
            b = Arrays.copyOf(b, b.length * 2);
        }
        int want = b.length - lim;
        int n = in.readNBytes(b, lim, want);
        lim += n;
        eof = n < want;
        return true;
    }

    @Override
    public void close() throws IOException {
        if (in != null) {
            in.close();
            in = null;
            b = null;
        }
    }
}
