package io.zohocamel.bulk;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;

/**
 * The data rows of a dropped CSV for the chunker, each written into the chunk buffer padded to the
 * header's width.
 *
 * <p>Why two ways: re-encoding every cell (UTF-8 → String → UTF-8) was most of the time a file spent
 * in the runtime. A plain RFC 4180 record — cells unquoted, or quoted with {@code ""} escapes,
 * valid UTF-8, ended by LF or CRLF, comma-separated — means the same to Zoho when its bytes are copied
 * as they are, so such records are scanned and copied at the byte level. At the first record that is
 * anything else (a stray quote, a bare CR, a bad byte, a very long cell, another delimiter) the rest
 * of the file goes through FastCSV ({@link CsvSource}) from that record on, exactly as before: its
 * rules, its re-encoding, its errors. Both ways see the same records, so row numbers match the ones
 * {@link ResultMerger} reads back.
 */
final class CsvRows implements Closeable {

    private static final int INITIAL_BUFFER = 1 << 20;
    /** Records longer than this go to FastCSV (its size limits decide); far above any chunk's share. */
    private static final int MAX_RECORD_BYTES = 32 << 20;
    /** Wider headers are refused anyway (FieldMappings); FastCSV reads them, with its own limits. */
    private static final int MAX_HEADER_FIELDS = 1024;
    private static final byte QUOTE = '"';
    private static final byte COMMA = ',';
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte[] COMMA_BYTES = {COMMA};

    private enum Scan { RECORD, EMPTY_LINE, END, NEED_MORE, HAND_OVER }

    private final Path file;
    private final char delimiter;
    private final int maxCellChars;

    // byte-level state
    private InputStream in;
    private byte[] b = new byte[INITIAL_BUFFER];
    private int pos;
    private int lim;
    private long base; // file offset of b[0]
    private boolean eof;
    private boolean bom;
    private List<String> header;
    private long row;
    private long line = 1; // line where the next record starts
    private int recStart;
    private int recEnd;
    private int recNext;
    private int recLines;
    private int fields;
    private long recLine;

    // FastCSV from the first record the byte level does not take
    private CsvSource slow;
    private long slowLineOffset;
    private CsvRecord record;

    private CsvRows(Path file, char delimiter, int maxCellChars) {
        this.file = file;
        this.delimiter = delimiter;
        this.maxCellChars = maxCellChars;
    }

    /**
     * Operator input: strict UTF-8, BOM optional; byte-level copying for comma-separated files.
     * {@code byteLevel = false}: FastCSV for every record (the reference the tests compare with).
     */
    static CsvRows open(Path file, char delimiter, int maxCellChars, boolean byteLevel) throws IOException {
        CsvRows rows = new CsvRows(file, delimiter, maxCellChars);
        if (!byteLevel || delimiter != ',' || !rows.readHeader()) {
            rows.close();
            rows.slow = CsvSource.open(file, delimiter, maxCellChars);
            rows.header = rows.slow.header();
            rows.bom = rows.slow.hadBom();
        }
        return rows;
    }

    List<String> header() {
        return header;
    }

    boolean hadBom() {
        return bom;
    }

    /** Data rows returned so far (so the current row's number after {@link #next()}). */
    long row() {
        return slow != null ? slow.row() : row;
    }

    /** Line of the file where the current row starts (1 = the header's). */
    long startingLine() {
        return record != null ? slowLineOffset + record.getStartingLineNumber() : recLine;
    }

    int fieldCount() {
        return record != null ? record.getFieldCount() : fields;
    }

    /** Moves to the next data row; false at the end of the file. */
    boolean next() throws IOException {
        if (slow != null) {
            record = slow.next();
            return record != null;
        }
        while (true) {
            Scan s = scan();
            switch (s) {
                case RECORD -> {
                    if (fields > header.size()) { // FastCSV's way for too wide a row: its limits, its error
                        handOver();
                        return next();
                    }
                    row++;
                    recLine = line;
                    line += recLines;
                    pos = recNext;
                    return true;
                }
                case EMPTY_LINE -> {
                    line++;
                    pos = recNext;
                }
                case END -> {
                    return false;
                }
                case NEED_MORE -> {
                    if (!fill()) {
                        handOver();
                        return next();
                    }
                }
                case HAND_OVER -> {
                    handOver();
                    return next();
                }
            }
        }
    }

    /** Writes the current row, padded with empty cells to {@code width}, ended by {@code lineEnd}. */
    void writeTo(Utf8Buffer buf, CsvWriter writer, int width, byte[] lineEnd) {
        if (record != null) {
            CsvWriter.CsvWriterRecord wr = writer.writeRecord();
            int n = record.getFieldCount();
            for (int i = 0; i < n; i++) {
                wr.writeField(record.getField(i));
            }
            for (int i = n; i < width; i++) { // short rows are padded so Zoho sees a rectangle
                wr.writeField("");
            }
            wr.endRecord();
            return;
        }
        buf.writeBytes(b, recStart, recEnd - recStart);
        for (int i = fields; i < width; i++) {
            buf.writeBytes(COMMA_BYTES, 0, 1);
        }
        buf.writeBytes(lineEnd, 0, lineEnd.length);
    }

    private boolean readHeader() throws IOException {
        in = Files.newInputStream(file);
        fill();
        if (lim >= 2 && ((b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF || (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE)) {
            return false; // UTF-16: FastCSV's way says so
        }
        if (lim >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            bom = true;
            pos = 3;
        }
        while (true) {
            Scan s = scan();
            if (s == Scan.RECORD) {
                if (fields > MAX_HEADER_FIELDS) {
                    return false;
                }
                header = decodeFields();
                line += recLines;
                pos = recNext;
                return true;
            } else if (s == Scan.EMPTY_LINE) {
                line++;
                pos = recNext;
            } else if (s != Scan.NEED_MORE || !fill()) {
                return false; // no header, or an unusual one: FastCSV's way from the start
            }
        }
    }

    /** The header's cells as FastCSV gives them (a stray second BOM dropped, as CsvSource does). */
    private List<String> decodeFields() {
        List<String> out = new ArrayList<>(fields);
        int p = recStart;
        while (true) {
            StringBuilder cell = new StringBuilder();
            int q;
            if (p < recEnd && b[p] == QUOTE) {
                q = p + 1;
                int from = q;
                while (true) {
                    if (b[q] == QUOTE) {
                        cell.append(new String(b, from, q - from, StandardCharsets.UTF_8));
                        if (q + 1 < recEnd && b[q + 1] == QUOTE) {
                            cell.append('"');
                            q += 2;
                            from = q;
                            continue;
                        }
                        q++;
                        break;
                    }
                    q++;
                }
            } else {
                q = p;
                while (q < recEnd && b[q] != COMMA) {
                    q++;
                }
                cell.append(new String(b, p, q - p, StandardCharsets.UTF_8));
            }
            out.add(cell.toString());
            if (q >= recEnd) {
                break;
            }
            p = q + 1; // past the comma
        }
        if (!out.isEmpty() && out.get(0).startsWith("\uFEFF")) {
            out.set(0, out.get(0).substring(1));
        }
        return List.copyOf(out);
    }

    /**
     * Scans one record from {@code pos}: RECORD (recStart/recEnd/recNext/fields/recLines set),
     * EMPTY_LINE (recNext set), END, NEED_MORE (the buffer ends inside it) or HAND_OVER (not plain).
     */
    private Scan scan() {
        final byte[] b = this.b;
        final int lim = this.lim;
        int p = pos;
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

    private static final int MORE = -1;
    private static final int MALFORMED = -2;

    /** Where the character at {@code p} (not ASCII) ends; MORE when the buffer ends inside it; MALFORMED. */
    private int afterUtf8(int p) {
        int len = utf8Length(b, p, lim);
        if (len > 0) {
            return p + len;
        }
        return len == 0 && !eof ? MORE : MALFORMED;
    }

    private Scan crlf(int p, int n, int lines) {
        if (p + 1 >= lim) {
            return eof ? Scan.HAND_OVER : Scan.NEED_MORE;
        }
        return b[p + 1] == LF ? record(p, p + 2, n, lines + 1) : Scan.HAND_OVER;
    }

    private Scan record(int end, int next, int n, int lines) {
        recStart = pos;
        recEnd = end;
        recNext = next;
        fields = n;
        recLines = lines;
        return Scan.RECORD;
    }

    /**
     * Length of the UTF-8 sequence at {@code p} (whose first byte is not ASCII) when it is well-formed
     * by the rules Java's strict decoder applies, 0 when the buffer ends inside it, -1 when malformed.
     */
    static int utf8Length(byte[] b, int p, int lim) {
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

    /** Keeps the unread part, reads more; false when the record in hand is too long for this level. */
    private boolean fill() throws IOException {
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

    /** FastCSV takes over at the record that starts at {@code pos}. */
    private void handOver() throws IOException {
        long offset = base + pos;
        in.close();
        in = null;
        b = null;
        slowLineOffset = line - 1;
        slow = CsvSource.continueAt(file, offset, delimiter, maxCellChars, header, row);
    }

    @Override
    public void close() throws IOException {
        if (in != null) {
            in.close();
            in = null;
        }
        if (slow != null) {
            slow.close();
        }
    }
}
