package io.zohocamel.bulk;

import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the operator's answer for a dropped file: {@code <name>.result.csv} (every input row, in
 * order, in its original columns, plus STATUS, RECORD_ID, ERRORS) and {@code <name>.failed.csv} (the
 * rows that did not go in, original columns plus ERRORS, same delimiter/BOM as the input so it can be
 * fixed and dropped again). Every cell goes through {@link FormulaGuard}, as spreadsheets open these files.
 *
 * <p>Zoho keeps input order within a job, so its result rows ({@link ZohoResultRows}) are matched to
 * input rows by position in the chunk. A row is never dropped ({@link RowOutcome}): no result ZIP, an
 * unreadable one, or a result shorter than the chunk all give {@code NOT_PROCESSED} with the chunk's
 * failure as ERRORS. Everything streams.
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
                try (ZohoResultRows res = chunk == null ? null : ZohoResultRows.open(chunk, maxCellChars)) {
                    for (long k = 0; k < limit; k++) {
                        CsvRecord in = src.next();
                        if (in == null) {
                            if (chunk != null) {
                                LOG.warn("{}: chunk {} expects {} rows but the file ended after row {}",
                                        originalCsv.getFileName(), chunk.index(), chunk.rowCount(), src.row());
                            }
                            break;
                        }
                        RowOutcome outcome = RowOutcome.next(chunk, res);
                        total++;
                        switch (outcome.status()) {
                            case "ADDED" -> added++;
                            case "UPDATED" -> updated++;
                            case "SKIPPED" -> skipped++;
                            default -> { }
                        }
                        CsvWriter.CsvWriterRecord out = result.writeRecord();
                        for (int i : keep) {
                            out.writeField(FormulaGuard.cell(i < in.getFieldCount() ? in.getField(i) : ""));
                        }
                        out.writeField(FormulaGuard.cell(outcome.status())).writeField(FormulaGuard.cell(outcome.recordId()))
                                .writeField(FormulaGuard.cell(outcome.errors())).endRecord();
                        if (outcome.failed()) {
                            CsvWriter.CsvWriterRecord f = failed.writeRecord();
                            for (int i : keep) {
                                f.writeField(FormulaGuard.cell(i < in.getFieldCount() ? in.getField(i) : ""));
                            }
                            f.writeField(FormulaGuard.cell(outcome.errors())).endRecord();
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
}
