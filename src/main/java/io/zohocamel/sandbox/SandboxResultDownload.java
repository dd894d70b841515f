package io.zohocamel.sandbox;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * GET /download/bulk-write/{id}.zip: a completed job's result, a ZIP holding {id}.csv, which is the uploaded
 * CSV with STATUS, RECORD_ID and ERRORS columns added, named "{id}.zip" by Content-Disposition. An unknown or
 * unfinished job answers 400 RESOURCE_NOT_FOUND (the contract is silent). The runner writes the ZIP to disk
 * as it applies the rows; the download serves that file.
 */
final class SandboxResultDownload {

    private final SandboxBulkJobs bulkJobs;

    SandboxResultDownload(SandboxBulkJobs bulkJobs) {
        this.bulkJobs = bulkJobs;
    }

    /** Where a job's result is, on the sandbox at baseUrl. */
    static String url(String baseUrl, String jobId) {
        return baseUrl + ZohoSandbox.DOWNLOAD.replace("{id}", jobId);
    }

    SandboxResponse download(String jobId) {
        SandboxBulkJob job = bulkJobs.job(jobId);
        byte[] zip = job == null || job.result == null ? null : read(job.result.file());
        if (zip == null) {
            return SandboxErrors.resourceNotFound();
        }
        // Zoho's SDKs take the saved file's name from this header (Node: utils/util/downloader.js) and fail without it
        return SandboxResponse.binary(200, "application/zip", zip)
                .withHeader("Content-Disposition", "attachment; filename=\"" + job.id + ".zip\"");
    }

    /** The result file, or null when the job was forgotten meanwhile. */
    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException gone) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the runner writes each row with its outcome. */
    interface Rows {
        void accept(List<String> row, SandboxBulkJob.RowOutcome outcome);
    }

    /** Writes the job's result ZIP: the header plus STATUS, RECORD_ID, ERRORS, then each row the runner gives. */
    static void write(Path target, SandboxBulkJob job, Consumer<Rows> runner) {
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(target)))) {
            zip.putNextEntry(new ZipEntry(job.id + ".csv"));
            OutputStreamWriter writer = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
            CsvWriter csv = CsvWriter.builder().build(writer);
            List<String> header = new ArrayList<>(job.file.header());
            header.addAll(List.of("STATUS", "RECORD_ID", "ERRORS"));
            csv.writeRecord(header);
            runner.accept((row, outcome) -> {
                List<String> line = new ArrayList<>(row);
                while (line.size() < job.file.header().size()) {
                    line.add("");
                }
                line.addAll(List.of(outcome.status(), outcome.recordId(), outcome.errors()));
                csv.writeRecord(line);
            });
            csv.flush();
            writer.flush();
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
