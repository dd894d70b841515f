package io.zohocamel.bulk;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.CsvRecordHandler;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One streaming pass over a CSV: BOM handling, strict UTF-8, FastCSV (RFC 4180) and the mapping of
 * parser failures to {@link BulkInputException} codes with a row number. Shared by the chunker and the
 * result merger so both see exactly the same rows.
 */
final class CsvSource implements Closeable {

    static final int READ_BUFFER = 1 << 20;
    private static final Pattern RECORD_LINE = Pattern.compile("(?i)starting at line (\\d+)");

    private final CsvReader<CsvRecord> reader;
    private final CloseableIterator<CsvRecord> it;
    private final boolean bom;
    private final boolean strict;
    private final String what;
    private final int maxCellChars;
    private List<String> header;
    private long row; // data rows returned so far
    private long linesBefore; // lines before the first one this reader saw (it took over mid-file)

    private CsvSource(InputStream raw, char delimiter, int maxCellChars, boolean strict, String what)
            throws IOException {
        this(raw, delimiter, maxCellChars, strict, what, true);
    }

    private CsvSource(InputStream raw, char delimiter, int maxCellChars, boolean strict, String what, boolean fileStart)
            throws IOException {
        this.strict = strict;
        this.what = what;
        this.maxCellChars = maxCellChars;
        BufferedInputStream in = raw instanceof BufferedInputStream b ? b : new BufferedInputStream(raw, READ_BUFFER);
        in.mark(4);
        byte[] head = fileStart ? in.readNBytes(3) : new byte[0];
        boolean utf8Bom = head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB
                && (head[2] & 0xFF) == 0xBF;
        if (!utf8Bom) {
            in.reset();
            if (strict && head.length >= 2 && ((head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF
                    || (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE)) {
                in.close();
                throw new BulkInputException(BulkInputException.NOT_UTF8,
                        what + " is UTF-16 (byte order mark found); save it as UTF-8", 0L);
            }
        }
        this.bom = utf8Bom;
        CodingErrorAction action = strict ? CodingErrorAction.REPORT : CodingErrorAction.REPLACE;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(action).onUnmappableCharacter(action);
        this.reader = CsvReader.builder()
                .fieldSeparator(delimiter)
                .allowUnclosedQuote(false)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)   // checked here, with a better message
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE) // short rows are fine
                .build(CsvRecordHandler.builder().maxFieldSize(maxCellChars).build(),
                        new InputStreamReader(in, decoder));
        this.it = reader.iterator();
    }

    /** Operator input: strict UTF-8 (NOT_UTF8 on a bad byte), BOM optional. */
    static CsvSource open(Path file, char delimiter, int maxCellChars) throws IOException {
        return new CsvSource(Files.newInputStream(file), delimiter, maxCellChars, true, "the file");
    }

    /**
     * The rest of an operator's file from {@code offset}, where a data record starts, after
     * {@code rowsBefore} data rows: how {@link CsvRows} hands over the records it does not copy itself.
     */
    static CsvSource continueAt(Path file, long offset, char delimiter, int maxCellChars, List<String> header,
                                long rowsBefore, long linesBefore) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            in.skipNBytes(offset);
        } catch (IOException e) {
            in.close();
            throw e;
        }
        CsvSource src = new CsvSource(in, delimiter, maxCellChars, true, "the file", false);
        src.header = List.copyOf(header);
        src.row = rowsBefore;
        src.linesBefore = linesBefore;
        return src;
    }

    /** A file we did not write (Zoho's result): lenient decoding, comma. */
    static CsvSource openLenient(InputStream in, char delimiter, int maxCellChars, String what) throws IOException {
        return new CsvSource(in, delimiter, maxCellChars, false, what);
    }

    boolean hadBom() {
        return bom;
    }

    /** The first record (BOM already skipped); EMPTY_FILE when there is none. */
    List<String> header() {
        if (header == null) {
            CsvRecord r = fetch(true);
            if (r == null) {
                throw new BulkInputException(BulkInputException.EMPTY_FILE, what + " is empty (no header row)");
            }
            List<String> fields = r.getFields();
            if (!fields.isEmpty() && fields.get(0).startsWith("\uFEFF")) { // a second, stray BOM
                fields = new java.util.ArrayList<>(fields);
                fields.set(0, fields.get(0).substring(1));
            }
            header = List.copyOf(fields);
        }
        return header;
    }

    /** Next data row or null at the end. */
    CsvRecord next() {
        header();
        CsvRecord r = fetch(false);
        if (r != null) {
            row++;
        }
        return r;
    }

    /** Data rows returned so far (so the current row's number after {@link #next()}). */
    long row() {
        return row;
    }

    private CsvRecord fetch(boolean isHeader) {
        try {
            return it.hasNext() ? it.next() : null;
        } catch (CsvParseException e) {
            // not e as the cause: FastCSV's message may quote the character it stopped at
            throw new BulkInputException(BulkInputException.INVALID_CSV, what + " is not valid CSV"
                    + (isHeader ? " in the header" : " at data row " + (row + 1)) + ": " + problem(e.getMessage()),
                    isHeader ? 0L : row + 1, null);
        } catch (UncheckedIOException e) {
            if (strict && e.getCause() instanceof CharacterCodingException) {
                // the decoder reads ahead, so the row is where decoding noticed, not necessarily exact
                throw new BulkInputException(BulkInputException.NOT_UTF8, what + " is not valid UTF-8 (near data row "
                        + (row + 1) + "); save it as UTF-8", row + 1, e.getCause());
            }
            throw e;
        }
    }

    /** What FastCSV found, in our own words (never its view of the content), and where the record starts. */
    private String problem(String parserMessage) {
        String m = String.valueOf(parserMessage);
        String what;
        if (m.contains("max field size") || m.startsWith("The maximum buffer size")) {
            what = "a cell is longer than " + maxCellChars + " characters (often an unclosed quote)";
        } else if (m.startsWith("Unclosed quoted field")) {
            what = "a quoted cell is never closed";
        } else if (m.startsWith("Unexpected character after closing quote")) {
            what = "a character follows a closing quote (a quote inside a quoted cell is written twice: \"\")";
        } else if (m.contains("max record size") || m.contains("maximum limit of")) {
            what = "a row is too large";
        } else {
            what = "the CSV reader cannot read it";
        }
        Matcher line = RECORD_LINE.matcher(m);
        // FastCSV counts lines from where it took over, not from the file's start
        return what + (line.find() ? " (record starting at line " + (linesBefore + Long.parseLong(line.group(1))) + ")" : "");
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
