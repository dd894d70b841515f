package io.zohocamel.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

/**
 * An uploaded (or seeded) CSV as the bulk-write job will read it: header plus data rows. An upload
 * keeps only its bytes and its counts; the rows are parsed when a job first reads them, so files that
 * are uploaded and never run (or run much later) cost the sandbox little memory.
 */
public final class SandboxCsvFile {

    private final String fileId;
    private final String name;
    private final List<String> header;
    private final int rowCount;
    private final Instant createdTime;
    private byte[] csv; // null once parsed (or when seeded with rows)
    private List<List<String>> rows;

    private SandboxCsvFile(String fileId, String name, List<String> header, int rowCount, byte[] csv,
                           List<List<String>> rows, Instant createdTime) {
        this.fileId = fileId;
        this.name = name;
        this.header = List.copyOf(header);
        this.rowCount = rowCount;
        this.csv = csv;
        this.rows = rows;
        this.createdTime = createdTime;
    }

    /** A file given with its rows. */
    static SandboxCsvFile of(String fileId, String name, List<String> header, List<List<String>> rows, Instant createdTime) {
        List<List<String>> copy = rows.stream().map(List::copyOf).toList();
        return new SandboxCsvFile(fileId, name, header, copy.size(), null, copy, createdTime);
    }

    /** An uploaded file: its UTF-8 CSV text (header first), already counted. */
    static SandboxCsvFile uploaded(String fileId, String name, List<String> header, int rowCount, byte[] csv,
                                   Instant createdTime) {
        return new SandboxCsvFile(fileId, name, header, rowCount, csv, null, createdTime);
    }

    public String fileId() {
        return fileId;
    }

    public String name() {
        return name;
    }

    public List<String> header() {
        return header;
    }

    public int rowCount() {
        return rowCount;
    }

    public Instant createdTime() {
        return createdTime;
    }

    /** Data rows, each padded to the header's width. */
    public synchronized List<List<String>> rows() {
        if (rows == null) {
            rows = parse(csv, header.size());
            csv = null;
        }
        return rows;
    }

    private static List<List<String>> parse(byte[] csv, int width) {
        List<List<String>> parsed = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = SandboxUploads.reader(csv)) {
            boolean first = true;
            for (CsvRecord record : reader) {
                if (first) {
                    first = false; // the header
                    continue;
                }
                List<String> fields = record.getFields();
                if (fields.size() < width) {
                    fields = new ArrayList<>(fields);
                    while (fields.size() < width) {
                        fields.add("");
                    }
                }
                parsed.add(List.copyOf(fields));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(parsed);
    }
}
