package io.zohocamel.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** The CSV files the bench drops, and the naive script it compares the runtime with. */
final class BenchFiles {

    private BenchFiles() {
    }

    /** split -l 25000 then zip each part: what a user would script (it even breaks quoted newlines). */
    static double naiveSplitAndZip(Path csv, Path dir) throws Exception {
        Files.createDirectories(dir);
        long start = System.nanoTime();
        Process p = new ProcessBuilder("bash", "-c", "split -l 25000 -d -a 3 '" + csv + "' part_ && for f in part_*; do "
                + "zip -q \"$f.zip\" \"$f\"; done").directory(dir.toFile()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("split/zip failed (is zip installed?)");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** A 7-column CSV of about 80 bytes a row, 1 % of rows with a quoted comma and newline. */
    static Path generate(Path file, int rows) throws IOException {
        return generate(file, rows, 0);
    }

    /** As above, numbering the rows from {@code first + 1} (another file's content). */
    static Path generate(Path file, int rows, int first) throws IOException {
        if (Files.exists(file)) {
            return file;
        }
        Random random = new Random(rows + first);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("Last_Name,First_Name,Email,Company,Phone,City,Description\n");
            for (int i = first + 1; i <= first + rows; i++) {
                w.write("Name" + i + ",First" + (i % 977) + ",lead" + i + "@example.com,Company " + (i % 5003) + ",+1-555-"
                        + (1_000_000 + random.nextInt(8_999_999)) + ",City" + (i % 313) + ","
                        + (i % 100 == 0 ? "\"multi-line, quoted\nnote " + i + "\"" : "note " + i) + "\n");
            }
        }
        return file;
    }
}
