package io.zohocamel.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

/**
 * An uploaded (or seeded) CSV as the bulk-write job will read it: header plus data rows. An upload is kept as
 * its ZIP on disk ({@link SandboxStorage}) and read row by row when a job runs, so the sandbox's heap holds no
 * uploaded rows; seeded files (tests, a few rows) keep theirs in memory. An upload's ZIP is deleted once the
 * upload is forgotten and no unfinished job still needs it (one hold for the upload, one per such job).
 */
public final class SandboxCsvFile {

    private final String fileId;
    private final String name;
    private final List<String> header;
    private final int rowCount;
    private final Instant createdTime;
    private final Path zip; // null when seeded with rows
    private final List<List<String>> rows;
    private int holds = 1;

    private SandboxCsvFile(String fileId, String name, List<String> header, int rowCount, Path zip,
                           List<List<String>> rows, Instant createdTime) {
        this.fileId = fileId;
        this.name = name;
        this.header = List.copyOf(header);
        this.rowCount = rowCount;
        this.zip = zip;
        this.rows = rows;
        this.createdTime = createdTime;
    }

    /** A file given with its rows. */
    static SandboxCsvFile of(String fileId, String name, List<String> header, List<List<String>> rows, Instant createdTime) {
        List<List<String>> copy = rows.stream().map(List::copyOf).toList();
        return new SandboxCsvFile(fileId, name, header, copy.size(), null, copy, createdTime);
    }

    /** An uploaded file: the ZIP holding its one CSV (header first), already checked and counted. */
    static SandboxCsvFile uploaded(String fileId, String name, List<String> header, int rowCount, Path zip,
                                   Instant createdTime) {
        return new SandboxCsvFile(fileId, name, header, rowCount, zip, null, createdTime);
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

    /** One more user of the file (a job created from it); false when it is gone already. */
    synchronized boolean hold() {
        if (holds == 0) {
            return false;
        }
        holds++;
        return true;
    }

    /** A user is done with it; the last one deletes an upload's ZIP. */
    synchronized void release() {
        if (holds > 0 && --holds == 0 && zip != null) {
            SandboxStorage.delete(zip);
        }
    }

    /** Data rows in order, each padded to the header's width. */
    void forEachRow(Consumer<List<String>> action) {
        if (rows != null) {
            rows.forEach(action);
            return;
        }
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry = in.getNextEntry();
            while (entry != null && entry.isDirectory()) {
                entry = in.getNextEntry();
            }
            if (entry != null) {
                read(in, header.size(), action);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void read(InputStream csv, int width, Consumer<List<String>> action) throws IOException {
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
                action.accept(fields);
            }
        }
    }
}
