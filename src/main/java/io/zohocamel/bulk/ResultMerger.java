package io.zohocamel.bulk;

import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Writes the operator's answer for a dropped file: {@code <name>.result.csv} (every input row, in
 * order, in its original columns, plus STATUS, RECORD_ID, ERRORS) and {@code <name>.failed.csv} (the
 * rows that did not go in, original columns plus ERRORS, same delimiter/BOM as the input so it can be
 * fixed and dropped again). Every cell goes through {@link FormulaGuard}, as spreadsheets open these files.
 *
 * <p>Zoho keeps input order within a job, so its result rows are matched to input rows by position in
 * the chunk. A row is never dropped: no result ZIP, an unreadable one, or a result shorter than the
 * chunk all give {@code NOT_PROCESSED} with the chunk's failure as ERRORS. Everything streams.
 */
public final class ResultMerger {

    public static final String NOT_PROCESSED = "NOT_PROCESSED";
    public static final List<String> ADDED_COLUMNS = List.of("STATUS", "RECORD_ID", "ERRORS");
    private static final Logger LOG = LoggerFactory.getLogger(ResultMerger.class);

    private final int maxCellChars;

    public ResultMerger() {
        this(ChunkerSettings.DEFAULT_MAX_CELL_CHARS);
    }

    public ResultMerger(int maxCellChars) {
        this.maxCellChars = maxCellChars;
    }

    /** {@code dir/<name>.result.csv} beside the given report directory, for input {@code <name>.csv}. */
    public static Path resultPath(Path dir, Path originalCsv) {
        return dir.resolve(CsvChunker.stripCsv(originalCsv) + ".result.csv");
    }

    public static Path failedPath(Path dir, Path originalCsv) {
        return dir.resolve(CsvChunker.stripCsv(originalCsv) + ".failed.csv");
    }

    /**
     * Merges; {@code chunks} must be in order and contiguous from row 1. Rows past the last chunk are
     * reported NOT_PROCESSED (NOT_SUBMITTED). Both outputs are replaced atomically.
     */
    public MergeTotals merge(Path originalCsv, BulkJobSpec spec, List<ChunkResult> chunks, Path resultCsv,
                             Path failedCsv) throws IOException {
        Files.createDirectories(resultCsv.toAbsolutePath().getParent());
        Files.createDirectories(failedCsv.toAbsolutePath().getParent());
        Path resultTmp = Files.createTempFile(resultCsv.toAbsolutePath().getParent(), ".result-", ".tmp");
        Path failedTmp = Files.createTempFile(failedCsv.toAbsolutePath().getParent(), ".failed-", ".tmp");
        boolean ok = false;
        try {
            MergeTotals totals = mergeInto(originalCsv, spec, chunks, resultTmp, failedTmp);
            move(resultTmp, resultCsv);
            move(failedTmp, failedCsv);
            ok = true;
            LOG.info("{}: merged {}", originalCsv.getFileName(), totals);
            return totals;
        } finally {
            if (!ok) {
                Files.deleteIfExists(resultTmp);
                Files.deleteIfExists(failedTmp);
            }
        }
    }

    private MergeTotals mergeInto(Path originalCsv, BulkJobSpec spec, List<ChunkResult> chunks, Path resultOut,
                                  Path failedOut) throws IOException {
        char delim = spec.delimiterChar();
        long added = 0;
        long updated = 0;
        long skipped = 0;
        long total = 0;
        try (CsvSource src = CsvSource.open(originalCsv, delim, maxCellChars);
             Writer rw = writer(resultOut);
             Writer fw = writer(failedOut)) {
            List<String> header = src.header();
            if (src.hadBom()) {
                rw.write('\uFEFF');
                fw.write('\uFEFF');
            }
            // a stale ERRORS column (a failed.csv dropped again) is replaced, not repeated
            List<Integer> keep = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                if (!FieldMappings.ERRORS_COLUMN.equals(header.get(i).trim())) {
                    keep.add(i);
                }
            }
            CsvWriter result = csv(rw, delim);
            CsvWriter failed = csv(fw, delim);
            CsvWriter.CsvWriterRecord h = result.writeRecord();
            CsvWriter.CsvWriterRecord fh = failed.writeRecord();
            for (int i : keep) {
                h.writeField(FormulaGuard.cell(header.get(i)));
                fh.writeField(FormulaGuard.cell(header.get(i)));
            }
            for (String c : ADDED_COLUMNS) {
                h.writeField(c);
            }
            h.endRecord();
            fh.writeField("ERRORS").endRecord();

            long expectedFirst = 1;
            List<ChunkResult> all = new ArrayList<>(chunks);
            all.add(null); // sentinel: rows beyond the last chunk
            for (ChunkResult chunk : all) {
                if (chunk != null && chunk.firstRow() != expectedFirst) {
                    throw new IllegalArgumentException("chunk " + chunk.index() + " starts at row " + chunk.firstRow()
                            + ", expected " + expectedFirst + " (chunks must be in order and contiguous)");
                }
                long limit = chunk == null ? Long.MAX_VALUE : chunk.rowCount();
                try (ResultRows res = chunk == null ? null : ResultRows.open(chunk, maxCellChars)) {
                    for (long k = 0; k < limit; k++) {
                        CsvRecord in = src.next();
                        if (in == null) {
                            if (chunk != null) {
                                LOG.warn("{}: chunk {} expects {} rows but the file ended after row {}",
                                        originalCsv.getFileName(), chunk.index(), chunk.rowCount(), src.row());
                            }
                            break;
                        }
                        String status;
                        String recordId = "";
                        String errors;
                        String[] zr = res == null ? null : res.next();
                        if (zr != null) {
                            status = zr[0].trim().toUpperCase(Locale.ROOT);
                            recordId = zr[1];
                            errors = zr[2];
                            if (status.isEmpty()) {
                                status = NOT_PROCESSED;
                                if (errors.isBlank()) {
                                    errors = failureText(chunk, NOT_PROCESSED, "Zoho did not process this row");
                                }
                            }
                        } else {
                            status = NOT_PROCESSED;
                            if (chunk == null) {
                                errors = "NOT_SUBMITTED-no job was created for this row";
                            } else if (res == null || res.error == null) {
                                errors = failureText(chunk, res == null ? "NO_RESULT" : "RESULT_ROW_MISSING",
                                        res == null ? "no result file for this chunk" : "Zoho's result has no row for it");
                            } else {
                                errors = res.error;
                            }
                        }
                        total++;
                        switch (status) {
                            case "ADDED" -> added++;
                            case "UPDATED" -> updated++;
                            case "SKIPPED" -> skipped++;
                            default -> { }
                        }
                        CsvWriter.CsvWriterRecord out = result.writeRecord();
                        for (int i : keep) {
                            out.writeField(FormulaGuard.cell(i < in.getFieldCount() ? in.getField(i) : ""));
                        }
                        out.writeField(FormulaGuard.cell(status)).writeField(FormulaGuard.cell(recordId))
                                .writeField(FormulaGuard.cell(errors)).endRecord();
                        if (!"ADDED".equals(status) && !"UPDATED".equals(status)) {
                            CsvWriter.CsvWriterRecord f = failed.writeRecord();
                            for (int i : keep) {
                                f.writeField(FormulaGuard.cell(i < in.getFieldCount() ? in.getField(i) : ""));
                            }
                            f.writeField(FormulaGuard.cell(errors)).endRecord();
                        }
                    }
                    if (res != null && res.next() != null) {
                        LOG.warn("{}: Zoho's result for chunk {} has more rows than the {} sent; extra rows ignored",
                                originalCsv.getFileName(), chunk.index(), chunk.rowCount());
                    }
                }
                if (chunk != null) {
                    expectedFirst += chunk.rowCount();
                }
            }
            result.flush();
            failed.flush();
        }
        return new MergeTotals(total, added, updated, skipped, total - added - updated);
    }

    private static String failureText(ChunkResult chunk, String fallbackCode, String fallbackMessage) {
        String code = chunk.failureCode() != null && !chunk.failureCode().isBlank() ? chunk.failureCode() : fallbackCode;
        String msg = chunk.failureCode() != null && !chunk.failureCode().isBlank() ? chunk.failureMessage() : fallbackMessage;
        return msg == null || msg.isBlank() ? code : code + "-" + msg;
    }

    private static Writer writer(Path p) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(p), StandardCharsets.UTF_8), 1 << 16);
    }

    private static CsvWriter csv(Writer w, char delim) {
        return CsvWriter.builder().fieldSeparator(delim).lineDelimiter(LineDelimiter.CRLF).build(w);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Zoho's result rows for one chunk: {STATUS, RECORD_ID, ERRORS} per row, or an error once unreadable. */
    private static final class ResultRows implements Closeable {
        private final ChunkResult chunk;
        private ZipFile zip;
        private CsvSource src;
        private int statusIdx = -1;
        private int idIdx = -1;
        private int errIdx = -1;
        String error; // set when the result could not be read (further rows: none)

        private ResultRows(ChunkResult chunk) {
            this.chunk = chunk;
        }

        /** null when the chunk has no result ZIP at all. */
        static ResultRows open(ChunkResult chunk, int maxCellChars) throws IOException {
            if (chunk.resultZip() == null) {
                return null;
            }
            ResultRows r = new ResultRows(chunk);
            try {
                r.zip = new ZipFile(chunk.resultZip().toFile(), StandardCharsets.UTF_8);
                ZipEntry csv = null;
                for (Enumeration<? extends ZipEntry> e = r.zip.entries(); e.hasMoreElements(); ) {
                    ZipEntry z = e.nextElement();
                    if (!z.isDirectory() && (csv == null || z.getName().toLowerCase(Locale.ROOT).endsWith(".csv")
                            && !csv.getName().toLowerCase(Locale.ROOT).endsWith(".csv"))) {
                        csv = z;
                    }
                }
                if (csv == null) {
                    r.fail("the result ZIP holds no file");
                    return r;
                }
                r.src = CsvSource.openLenient(r.zip.getInputStream(csv), ',', Math.max(maxCellChars, 1 << 20),
                        "result of chunk " + chunk.index());
                List<String> h = r.src.header();
                r.statusIdx = lastIndexOf(h, "STATUS");
                r.idIdx = lastIndexOf(h, "RECORD_ID");
                r.errIdx = lastIndexOf(h, "ERRORS");
                if (r.statusIdx < 0) {
                    r.fail("the result CSV has no STATUS column");
                }
            } catch (IOException | RuntimeException e) {
                r.fail("cannot read the result ZIP: " + e.getMessage());
            }
            return r;
        }

        private void fail(String why) {
            LOG.warn("chunk {}: {} ({})", chunk.index(), why, chunk.resultZip());
            error = "RESULT_UNREADABLE-" + why;
        }

        String[] next() {
            if (error != null || src == null) {
                return null;
            }
            try {
                CsvRecord r = src.next();
                if (r == null) {
                    return null;
                }
                return new String[]{field(r, statusIdx), field(r, idIdx), field(r, errIdx)};
            } catch (RuntimeException e) {
                fail("cannot read the result CSV: " + e.getMessage());
                return null;
            }
        }

        private static String field(CsvRecord r, int i) {
            return i >= 0 && i < r.getFieldCount() ? r.getField(i) : "";
        }

        private static int lastIndexOf(List<String> header, String name) {
            for (int i = header.size() - 1; i >= 0; i--) {
                if (header.get(i).trim().equalsIgnoreCase(name)) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public void close() throws IOException {
            try {
                if (src != null) {
                    src.close();
                }
            } finally {
                if (zip != null) {
                    zip.close();
                }
            }
        }
    }
}
