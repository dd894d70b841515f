package io.zohocamel.bulk;

import java.io.Writer;
import java.util.Arrays;

/**
 * A growable byte array that is also a Writer encoding straight to UTF-8. CsvWriter writes each row
 * into it, so the chunker knows every row's exact byte size without a second encoding pass, and can
 * move a row that overflows the byte budget into the next chunk. Input comes from a strict decoder,
 * so surrogates are always paired.
 */
final class Utf8Buffer extends Writer {

    private byte[] buf;
    private int size;
    private char pendingHigh;

    Utf8Buffer(int initialCapacity) {
        buf = new byte[Math.max(64, initialCapacity)];
    }

    int size() {
        return size;
    }

    byte[] array() {
        return buf;
    }

    /** Hands the current array over (for a chunk) and starts a fresh one of the given capacity. */
    byte[] detach(int nextCapacity) {
        byte[] out = buf;
        buf = new byte[Math.max(64, nextCapacity)];
        size = 0;
        return out;
    }

    void truncate(int newSize) {
        size = newSize;
    }

    byte[] copyOfRange(int from, int to) {
        return Arrays.copyOfRange(buf, from, to);
    }

    void writeBytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            long want = Math.max((long) buf.length * 2, (long) size + extra);
            buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 16, want));
        }
    }

    @Override
    public void write(int c) {
        write((char) c);
    }

    private void write(char c) {
        if (c < 0x80 && pendingHigh == 0) {
            ensure(1);
            buf[size++] = (byte) c;
            return;
        }
        ensure(4);
        if (pendingHigh != 0) {
            char high = pendingHigh;
            pendingHigh = 0;
            if (Character.isLowSurrogate(c)) {
                int cp = Character.toCodePoint(high, c);
                buf[size++] = (byte) (0xF0 | (cp >> 18));
                buf[size++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[size++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[size++] = (byte) (0x80 | (cp & 0x3F));
            } else { // lone high surrogate: U+FFFD, then the char itself
                buf[size++] = (byte) 0xEF;
                buf[size++] = (byte) 0xBF;
                buf[size++] = (byte) 0xBD;
                write(c);
            }
        } else if (c < 0x800) {
            buf[size++] = (byte) (0xC0 | (c >> 6));
            buf[size++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c)) {
            pendingHigh = c;
        } else {
            buf[size++] = (byte) (0xE0 | (c >> 12));
            buf[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            buf[size++] = (byte) (0x80 | (c & 0x3F));
        }
    }

    @Override
    public void write(char[] cbuf, int off, int len) {
        ensure(len);
        for (int i = off, end = off + len; i < end; i++) {
            char c = cbuf[i];
            if (c < 0x80 && pendingHigh == 0) {
                if (size == buf.length) {
                    ensure(end - i);
                }
                buf[size++] = (byte) c;
            } else {
                write(c);
            }
        }
    }

    @Override
    public void write(String str, int off, int len) {
        ensure(len);
        for (int i = off, end = off + len; i < end; i++) {
            char c = str.charAt(i);
            if (c < 0x80 && pendingHigh == 0) {
                if (size == buf.length) {
                    ensure(end - i);
                }
                buf[size++] = (byte) c;
            } else {
                write(c);
            }
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
