package io.zohocamel.bulk;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs a dropped file's CPU-heavy work once, at start, over a made-up CSV: checksum, validation,
 * chunking and zipping, then uploads and job creations against a private sandbox ({@link UploadWarmUp}),
 * with nothing sent to Zoho or recorded. A just-started JVM runs that code
 * interpreted and compiles it on the fly, and the first real file paid for it: on 2 cores, about
 * 0.1 s of the 1.5 s a 1,000,000-row file right after start takes to its 40th job (README, Performance).
 */
public final class CsvWarmUp {

    /** Enough rows for the JIT to compile the hot loops (100,000 gained less); about 0.7 s at start. */
    static final int ROWS = 300_000;
    private static final int VALIDATION_PASSES = 8;
    private static final String PREFIX = ".warm-up-";

    private CsvWarmUp() {
    }

    /** What the warm-up did: ZIP bytes made, and jobs created at its private sandbox. */
    public record Done(long zipBytes, int jobs) {
    }

    /** Writes the made-up file in {@code dir} and deletes it afterwards. */
    public static Done run(CsvChunker chunker, Path dir) throws IOException {
        Path csv = Files.createTempFile(dir, PREFIX, ".csv");
        try {
            write(csv);
            FileChecksum.sha256(csv);
            long[] zipped = {0};
            int jobs;
            try (UploadWarmUp zoho = new UploadWarmUp()) {
                ChunkPlan plan = chunker.preflightAndReadUnlogged(csv, BulkJobSpec.defaults(), chunk -> {
                    zipped[0] += chunk.zip().length;
                    zoho.accept(chunk);
                });
                jobs = zoho.createJobs(csv, plan);
            }
            // validation and checksum a few times more: cheap (about 50 ms each), and the optimising compiler has
            // then taken them up before a real file (the first file's validation: median 150 ms, was 210)
            for (int i = 0; i < VALIDATION_PASSES; i++) {
                chunker.preflightAndReadUnlogged(csv, BulkJobSpec.defaults(), null);
                FileChecksum.sha256(csv);
            }
            return new Done(zipped[0], jobs);
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    /** A warm-up interrupted by a kill leaves its file behind: removed at the next start. */
    public static void deleteLeftovers(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*.csv")) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Plain rows with the usual columns and now and then a quoted cell with a line break, like an export. */
    private static void write(Path csv) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("Last_Name,First_Name,Email,Company,Phone,City,Description\n");
            for (int i = 1; i <= ROWS; i++) {
                w.write("Name" + i + ",First" + (i % 97) + ",warm" + i + "@example.org,Company " + (i % 503) + ",+1-555-"
                        + (1_000_000 + i) + ",City" + (i % 31) + "," + (i % 100 == 0 ? "\"quoted, two\nlines\"" : "note " + i) + "\n");
            }
        }
    }
}
