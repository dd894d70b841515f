package io.zohocamel.sandbox;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * GET /download/bulk-write/{id}.zip: a completed job's result, a ZIP holding {id}.csv, which is the uploaded
 * CSV with STATUS, RECORD_ID and ERRORS columns added, named "{id}.zip" by Content-Disposition. An unknown or
 * unfinished job answers 400 RESOURCE_NOT_FOUND (the contract is silent).
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
        if (job == null || job.result == null) {
            return SandboxErrors.resourceNotFound();
        }
        // Zoho's SDKs take the saved file's name from this header (Node: utils/util/downloader.js) and fail without it
        return SandboxResponse.binary(200, "application/zip", resultZip(job))
                .withHeader("Content-Disposition", "attachment; filename=\"" + job.id + ".zip\"");
    }

    static byte[] resultZip(SandboxBulkJob job) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                zip.putNextEntry(new ZipEntry(job.id + ".csv"));
                OutputStreamWriter writer = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
                CsvWriter csv = CsvWriter.builder().build(writer);
                List<String> header = new ArrayList<>(job.file.header());
                header.addAll(List.of("STATUS", "RECORD_ID", "ERRORS"));
                csv.writeRecord(header);
                for (int i = 0; i < job.file.rows().size(); i++) {
                    List<String> line = new ArrayList<>(job.file.rows().get(i));
                    while (line.size() < job.file.header().size()) {
                        line.add("");
                    }
                    SandboxBulkJob.RowOutcome outcome = job.result.rows().get(i);
                    line.addAll(List.of(outcome.status(), outcome.recordId(), outcome.errors()));
                    csv.writeRecord(line);
                }
                csv.flush();
                writer.flush();
                zip.closeEntry();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
