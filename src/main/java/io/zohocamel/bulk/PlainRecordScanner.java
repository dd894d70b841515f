package io.zohocamel.bulk;

import java.util.List;

/**
 * Finds plain RFC 4180 records — cells unquoted, or quoted with {@code ""} escapes, valid UTF-8, ended
 * by LF or CRLF, comma-separated — in a {@link ByteWindow} over the file, for {@link CsvRows}. It
 * reports anything else as {@link Scan#HAND_OVER}, so FastCSV's rules and errors decide it.
 */
final class PlainRecordScanner {

    private static final byte QUOTE = '"';
    private static final byte COMMA = ',';
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte[] COMMA_BYTES = {COMMA};
    private static final int MORE = -1;
    private static final int MALFORMED = -2;

    /**
     * What {@link #scan} found at the read position: a RECORD, an EMPTY_LINE, the END of the file,
     * NEED_MORE (the buffer ends inside it) or HAND_OVER (not plain).
     */
    enum Scan { RECORD, EMPTY_LINE, END, NEED_MORE, HAND_OVER }

    private final ByteWindow window;
    private final int maxCellChars;
    // what the last scan found
    private int recStart;
    private int recEnd;
    private int recNext;
    private int recLines;
    private int fields;

    PlainRecordScanner(ByteWindow window, int maxCellChars) {
        this.window = window;
        this.maxCellChars = maxCellChars;
    }

    /** Fields of the record the last scan found. */
    int fields() {
        return fields;
    }

    /** Lines the record or empty line the last scan found takes up. */
    int lines() {
        return recLines;
    }

    /** Moves the read position past what the last scan found. */
    void advance() {
        window.moveTo(recNext);
    }

    /**
     * Scans one record from the read position: RECORD (its bounds, fields and lines set), EMPTY_LINE
     * (where the next starts set), END, NEED_MORE or HAND_OVER.
     */
    Scan scan() {
        final byte[] b = window.bytes();
        final int lim = window.limit();
        final boolean eof = window.atEof();
        int p = window.position();
        if (p >= lim) {
            return eof ? Scan.END : Scan.NEED_MORE;
        }
        if (b[p] == LF) {
            recNext = p + 1;
            return Scan.EMPTY_LINE;
        }
        if (b[p] == CR) {
            if (p + 1 >= lim) {
                return eof ? Scan.HAND_OVER : Scan.NEED_MORE;
            }
            if (b[p + 1] == LF) {
                recNext = p + 2;
                return Scan.EMPTY_LINE;
            }
            return Scan.HAND_OVER;
        }
        int n = 1;
        int lines = 0;
        while (true) {
            int fieldStart = p;
            if (p < lim && b[p] == QUOTE) {
                p++;
                while (true) {
                    if (p >= lim) {
                        return eof ? Scan.HAND_OVER : Scan.NEED_MORE; // unclosed at the end: FastCSV's error
                    }
                    byte c = b[p];
                    if (c == QUOTE) {
                        if (p + 1 >= lim) {
                            if (!eof) {
                                return Scan.NEED_MORE;
                            }
                            p++;
                            break;
                        }
                        if (b[p + 1] == QUOTE) {
                            p += 2;
                            continue;
                        }
                        p++;
                        break;
                    }
                    if (c >= 0) {
                        if (c == LF) {
                            lines++;
                        } else if (c == CR) { // CRLF inside quotes is one line; a bare CR is FastCSV's to count
                            if (p + 1 >= lim) {
                                return eof ? Scan.HAND_OVER : Scan.NEED_MORE;
                            }
                            if (b[p + 1] != LF) {
                                return Scan.HAND_OVER;
                            }
                            lines++;
                            p++;
                        }
                        p++;
                    } else {
                        p = afterUtf8(p);
                        if (p < 0) {
                            return p == MORE ? Scan.NEED_MORE : Scan.HAND_OVER;
                        }
                    }
                }
                if (p - fieldStart > maxCellChars) {
                    return Scan.HAND_OVER;
                }
                if (p >= lim) {
                    if (!eof) {
                        return Scan.NEED_MORE;
                    }
                    return record(p, p, n, lines);
                }
                byte c = b[p];
                if (c == COMMA) {
                    n++;
                    p++;
                    continue;
                }
                if (c == LF) {
                    return record(p, p + 1, n, lines + 1);
                }
                if (c == CR) {
                    return crlf(p, n, lines);
                }
                return Scan.HAND_OVER; // something after the closing quote
            }
            while (true) {
                if (p >= lim) {
                    if (!eof) {
                        return Scan.NEED_MORE;
                    }
                    return p - fieldStart > maxCellChars ? Scan.HAND_OVER : record(p, p, n, lines);
                }
                byte c = b[p];
                if (c > COMMA) {
                    p++;
                } else if (c == COMMA) {
                    if (p - fieldStart > maxCellChars) {
                        return Scan.HAND_OVER;
                    }
                    n++;
                    p++;
                    break;
                } else if (c >= 0) {
                    if (c == LF) {
                        return p - fieldStart > maxCellChars ? Scan.HAND_OVER : record(p, p + 1, n, lines + 1);
                    }
                    if (c == CR) {
                        return p - fieldStart > maxCellChars ? Scan.HAND_OVER : crlf(p, n, lines);
                    }
                    if (c == QUOTE) {
                        return Scan.HAND_OVER; // a quote inside an unquoted cell
                    }
                    p++;
                } else {
                    p = afterUtf8(p);
                    if (p < 0) {
                        return p == MORE ? Scan.NEED_MORE : Scan.HAND_OVER;
                    }
                }
            }
        }
    }

    /** Where the character at {@code p} (not ASCII) ends; MORE when the buffer ends inside it; MALFORMED. */
    private int afterUtf8(int p) {
        int len = Utf8Sequence.length(window.bytes(), p, window.limit());
        if (len > 0) {
            return p + len;
        }
        return len == 0 && !window.atEof() ? MORE : MALFORMED;
    }

    private Scan crlf(int p, int n, int lines) {
        if (p + 1 >= window.limit()) {
            return window.atEof() ? Scan.HAND_OVER : Scan.NEED_MORE;
        }
        return window.bytes()[p + 1] == LF ? record(p, p + 2, n, lines + 1) : Scan.HAND_OVER;
    }

    private Scan record(int end, int next, int n, int lines) {
        recStart = window.position();
        recEnd = end;
        recNext = next;
        fields = n;
        recLines = lines;
        return Scan.RECORD;
    }

    /** The record the last scan found as a header, as FastCSV's way reads it. */
    List<String> header() {
        return PlainHeader.decode(window.bytes(), recStart, recEnd, fields);
    }

    /** Copies the record the last scan found as it is, padded with empty cells to {@code width}. */
    void copyRecordTo(Utf8Buffer buf, int width, byte[] lineEnd) {
        buf.writeBytes(window.bytes(), recStart, recEnd - recStart);
        for (int i = fields; i < width; i++) {
            buf.writeBytes(COMMA_BYTES, 0, 1);
        }
        buf.writeBytes(lineEnd, 0, lineEnd.length);
    }
}
