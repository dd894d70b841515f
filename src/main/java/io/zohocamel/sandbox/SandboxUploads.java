package io.zohocamel.sandbox;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.RecordType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * POST /crm/{v}/upload: takes a ZIP holding one CSV, enforces Zoho's limits and keeps the ZIP (on disk, see
 * {@link SandboxStorage}) under a fresh file_id for the bulk-write job that follows. The newest maxFiles uploads
 * are kept, and the log of the last {@value #LOG_SIZE}.
 * Limit errors (the contract is silent on their codes): ZIP over 25 MB → 413 FILE_TOO_LARGE; more than 25,000
 * data rows or 200 columns → 400 LIMIT_EXCEEDED with details {api_name: rows|columns, limit}; anything that is
 * not a ZIP holding exactly one *.csv → 400 INVALID_FILE_FORMAT.
 */
final class SandboxUploads {

    static final long MAX_ZIP_BYTES = 25L * 1024 * 1024;
    static final int MAX_ROWS = 25_000;
    static final int MAX_COLUMNS = 200;

    static final int LOG_SIZE = 1_000;

    private final SandboxIds ids;
    private final SandboxClock clock;
    private final SandboxStorage storage;
    private final int maxFiles;
    private final Map<String, SandboxCsvFile> files = new LinkedHashMap<>();
    private final Deque<SandboxUpload> log = new ArrayDeque<>();

    SandboxUploads(SandboxIds ids, SandboxClock clock, SandboxStorage storage, int maxFiles) {
        this.ids = ids;
        this.clock = clock;
        this.storage = storage;
        this.maxFiles = maxFiles;
    }

    SandboxResponse upload(SandboxRequest request) {
        String feature = request.header("feature");
        if (feature == null || feature.isBlank()) {
            return SandboxErrors.error(400, "MANDATORY_NOT_FOUND", "required header feature is not found",
                    SandboxJson.object("api_name", "feature"));
        }
        if (!"bulk-write".equals(feature.trim())) {
            return SandboxErrors.error(400, "INVALID_DATA", "the feature header must be bulk-write",
                    SandboxJson.object("api_name", "feature"));
        }
        SandboxMultipart.Part part = SandboxMultipart.find(request.header("Content-Type"), request.body(), "file");
        if (part == null) {
            return SandboxErrors.error(400, "MANDATORY_NOT_FOUND", "required multipart field file is not found",
                    SandboxJson.object("api_name", "file"));
        }
        if (part.content().length > MAX_ZIP_BYTES) {
            return SandboxErrors.error(413, "FILE_TOO_LARGE", "the file exceeds the 25 MB limit",
                    SandboxJson.object("limit", (int) MAX_ZIP_BYTES));
        }
        Object parsed = readZippedCsv(part.content());
        if (parsed instanceof SandboxResponse error) {
            return error;
        }
        ParsedCsv csv = (ParsedCsv) parsed;
        if (csv.header.size() > MAX_COLUMNS) {
            return SandboxErrors.error(400, "LIMIT_EXCEEDED", "the file has more than " + MAX_COLUMNS + " columns",
                    SandboxJson.object("api_name", "columns", "limit", MAX_COLUMNS));
        }
        if (csv.rows > MAX_ROWS) {
            return SandboxErrors.error(400, "LIMIT_EXCEEDED", "the file has more than " + MAX_ROWS + " rows",
                    SandboxJson.object("api_name", "rows", "limit", MAX_ROWS));
        }
        Instant now = clock.now();
        Path zip = storage.newFile("uploads");
        try {
            Files.write(zip, part.content());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SandboxCsvFile file = SandboxCsvFile.uploaded(ids.next(), csv.name, csv.header, csv.rows, zip, now);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.headers().forEach((k, v) -> headers.put(k, List.copyOf(v)));
        synchronized (this) {
            keep(file);
            log.addLast(new SandboxUpload(file.fileId(), csv.name, file.header(), file.rowCount(),
                    Collections.unmodifiableMap(headers)));
            if (log.size() > LOG_SIZE) {
                log.removeFirst();
            }
        }
        return SandboxResponse.json(200, SandboxJson.object(
                "status", "success",
                "code", "FILE_UPLOAD_SUCCESS",
                "message", "file uploaded.",
                "details", SandboxJson.object("file_id", file.fileId(), "created_time", SandboxClock.format(now))));
    }

    private record ParsedCsv(String name, List<String> header, int rows) {
    }

    /** Past maxFiles the oldest upload is forgotten; its ZIP goes once no unfinished job reads it. */
    private void keep(SandboxCsvFile file) {
        SandboxCsvFile earlier = files.put(file.fileId(), file);
        if (earlier != null) {
            earlier.release();
        }
        Iterator<SandboxCsvFile> oldest = files.values().iterator();
        while (files.size() > maxFiles) {
            oldest.next().release();
            oldest.remove();
        }
    }

    /** How the sandbox reads every CSV it is given: lenient about row widths, BOM skipped. */
    static CsvReader<CsvRecord> reader(InputStream csv) {
        return builder().ofCsvRecord(csv, StandardCharsets.UTF_8);
    }

    static CsvReader<CsvRecord> reader(byte[] csv) {
        return reader(new ByteArrayInputStream(csv));
    }

    private static CsvReader.CsvReaderBuilder builder() {
        return CsvReader.builder().allowExtraFields(true).allowMissingFields(true).detectBomHeader(true);
    }

    /** The same parser as {@link #reader}, keeping only the first record's fields (the header). */
    private static final class HeaderOnly extends AbstractBaseCsvCallbackHandler<Boolean> {
        private final List<String> fields = new ArrayList<>();
        private List<String> header;

        @Override
        protected void handleBegin(long startingLineNumber) {
            fields.clear();
        }

        @Override
        protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
            if (header == null) {
                fields.add(new String(buf, offset, len));
            }
        }

        @Override
        protected Boolean buildRecord() {
            if (header == null && getRecordType() == RecordType.DATA) {
                header = List.copyOf(fields);
            }
            return Boolean.TRUE;
        }
    }

    private static SandboxResponse invalidFormat() {
        return SandboxErrors.error(400, "INVALID_FILE_FORMAT", "the file must be a zip holding exactly one csv file");
    }

    /** A ParsedCsv, or the SandboxResponse to answer. */
    private static Object readZippedCsv(byte[] zip) {
        if (zip.length < 4 || zip[0] != 'P' || zip[1] != 'K') {
            return invalidFormat();
        }
        String name = null;
        byte[] content = null;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (entry.isDirectory()) {
                    continue;
                }
                if (name != null) {
                    return invalidFormat(); // more than one file
                }
                name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                content = in.readAllBytes();
            }
        } catch (IOException | IllegalArgumentException e) {
            return invalidFormat();
        }
        if (name == null || !name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return invalidFormat();
        }
        // counted here (the limit is checked at upload, as Zoho does) without building the rows: a job
        // parses them when it reads them
        HeaderOnly headerOnly = new HeaderOnly();
        int records = SandboxRowCount.plainRecords(content); // the header too
        try (CsvReader<Boolean> reader = builder().build(headerOnly, new ByteArrayInputStream(content), StandardCharsets.UTF_8)) {
            var it = reader.iterator();
            if (records >= 0) {
                if (it.hasNext()) {
                    it.next(); // the header is all FastCSV has to read
                }
            } else {
                records = 0; // past the limit there is no need to read further
                for (; it.hasNext() && records <= MAX_ROWS + 1; it.next()) {
                    records++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            return invalidFormat();
        }
        List<String> header = headerOnly.header;
        int rows = Math.max(0, records - 1);
        if (header == null) {
            return invalidFormat();
        }
        return new ParsedCsv(name, header, rows);
    }

    synchronized void seed(SandboxCsvFile file) {
        keep(file);
    }

    synchronized SandboxCsvFile file(String fileId) {
        return files.get(fileId);
    }

    synchronized List<SandboxUpload> log() {
        return List.copyOf(log);
    }

    /** Uploaded and seeded files still known. */
    synchronized int fileCount() {
        return files.size();
    }
}
