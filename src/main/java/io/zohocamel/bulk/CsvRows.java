package io.zohocamel.bulk;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * as they are, so such records are scanned ({@link PlainRecordScanner}) and copied at the byte level.
 * At the first record that is anything else (a stray quote, a bare CR, a bad byte, a very long cell,
 * another delimiter) the rest of the file goes through FastCSV ({@link CsvSource}) from that record
 * on, exactly as before: its rules, its re-encoding, its errors. Both ways see the same records, so
 * row numbers match the ones {@link ResultMerger} reads back.
 */
final class CsvRows implements Closeable {

    /** Wider headers are refused anyway (FieldMappings); FastCSV reads them, with its own limits. */
    private static final int MAX_HEADER_FIELDS = 1024;

    private final Path file;
    private final char delimiter;
    private final int maxCellChars;
    private List<String> header;
    private boolean bom;

    // the byte level, up to the first record it does not take
    private ByteWindow window;
    private PlainRecordScanner scanner;
    private long row;
    private long line = 1; // line where the next record starts
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
            switch (scanner.scan()) {
                case RECORD -> {
                    if (scanner.fields() > header.size()) { // FastCSV's way for too wide a row: its limits, its error
                        handOver();
                        return next();
                    }
                    fields = scanner.fields();
                    row++;
                    recLine = line;
                    line += scanner.lines();
                    scanner.advance();
                    return true;
                }
                case EMPTY_LINE -> {
                    line++;
                    scanner.advance();
                }
                case END -> {
                    return false;
                }
                case NEED_MORE -> {
                    if (!window.fill()) {
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
        scanner.copyRecordTo(buf, width, lineEnd);
    }

    private boolean readHeader() throws IOException {
        window = new ByteWindow(Files.newInputStream(file));
        scanner = new PlainRecordScanner(window, maxCellChars);
        window.fill();
        if (window.startsWithUtf16Bom()) {
            return false; // UTF-16: FastCSV's way says so
        }
        bom = window.skipUtf8Bom();
        while (true) {
            PlainRecordScanner.Scan s = scanner.scan();
            if (s == PlainRecordScanner.Scan.RECORD) {
                if (scanner.fields() > MAX_HEADER_FIELDS) {
                    return false;
                }
                header = scanner.header();
                line += scanner.lines();
                scanner.advance();
                return true;
            } else if (s == PlainRecordScanner.Scan.EMPTY_LINE) {
                line++;
                scanner.advance();
            } else if (s != PlainRecordScanner.Scan.NEED_MORE || !window.fill()) {
                return false; // no header, or an unusual one: FastCSV's way from the start
            }
        }
    }

    /** FastCSV takes over at the record that starts at the read position. */
    private void handOver() throws IOException {
        long offset = window.offset();
        window.close();
        slowLineOffset = line - 1;
        slow = CsvSource.continueAt(file, offset, delimiter, maxCellChars, header, row, slowLineOffset);
    }

    @Override
    public void close() throws IOException {
        if (window != null) {
            window.close();
        }
        if (slow != null) {
            slow.close();
        }
    }
}
