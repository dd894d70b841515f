package io.zohocamel.bulk;

/** Checks UTF-8 at the byte level, as Java's strict decoder does, for {@link PlainRecordScanner}. */
final class Utf8Sequence {

    private Utf8Sequence() {
    }

    /**
     * Length of the UTF-8 sequence at {@code p} (whose first byte is not ASCII) when it is well-formed
     * by the rules Java's strict decoder applies, 0 when the buffer ends inside it, -1 when malformed.
     */
    static int length(byte[] b, int p, int lim) {
        int c0 = b[p] & 0xFF;
        int len;
        int lo = 0x80;
        int hi = 0xBF;
        if (c0 < 0xC2) {
            return -1;
        } else if (c0 < 0xE0) {
            len = 2;
        } else if (c0 < 0xF0) {
            len = 3;
            if (c0 == 0xE0) {
                lo = 0xA0;
            } else if (c0 == 0xED) {
                hi = 0x9F; // surrogates are not characters
            }
        } else if (c0 < 0xF5) {
            len = 4;
            if (c0 == 0xF0) {
                lo = 0x90;
            } else if (c0 == 0xF4) {
                hi = 0x8F;
            }
        } else {
            return -1;
        }
        for (int i = 1; i < len; i++) {
            if (p + i >= lim) {
                return 0;
            }
            int c = b[p + i] & 0xFF;
            if (i == 1 ? c < lo || c > hi : c < 0x80 || c > 0xBF) {
                return -1;
            }
        }
        return len;
    }
}
