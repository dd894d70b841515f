package io.zohocamel.bulk;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Helpers shared by the bulk tests: generating tricky CSVs and reading chunk ZIPs back. */
final class TestCsv {

    static final List<String> HEADER = List.of("Last_Name", "First_Name", "Email", "Description", "Account_Name.id");

    private TestCsv() {
    }

    /** Deterministic rows full of quoting hazards: commas, quotes, CR/LF inside cells, non-ASCII, emoji. */
    static List<List<String>> rows(int n, long seed) {
        Random rnd = new Random(seed);
        String[] nasty = {"plain", "a,b", "say \"hi\"", "line1\nline2", "crlf\r\ninside", "Café é", "日本語",
                "emoji \uD83D\uDE00", "", " padded ", "semi;colon", "\"", ",,,"};
        List<List<String>> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(List.of("Name" + i, nasty[rnd.nextInt(nasty.length)], "u" + i + "@example.com",
                    nasty[rnd.nextInt(nasty.length)] + " " + i, String.valueOf(1_000_000L + i)));
        }
        return rows;
    }

    static Path write(Path file, List<String> header, List<List<String>> rows, char delimiter, boolean bom)
            throws IOException {
        try (OutputStream os = Files.newOutputStream(file)) {
            if (bom) {
                os.write(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            }
            Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
            CsvWriter csv = CsvWriter.builder().fieldSeparator(delimiter).lineDelimiter(LineDelimiter.LF).build(w);
            csv.writeRecord(header);
            for (List<String> r : rows) {
                csv.writeRecord(r);
            }
            csv.flush();
            w.flush();
        }
        return file;
    }

    static Path writeRaw(Path file, String content) throws IOException {
        return Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    /** The single entry of a chunk ZIP: name and bytes; fails if there is not exactly one. */
    static Entry unzipSingle(byte[] zip) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                entries.add(new Entry(e.getName(), z.readAllBytes()));
            }
        }
        if (entries.size() != 1) {
            throw new AssertionError("expected exactly one entry, got " + entries.size());
        }
        return entries.get(0);
    }

    static List<List<String>> parse(byte[] csv, char delimiter) throws IOException {
        List<List<String>> out = new ArrayList<>();
        try (CsvReader<CsvRecord> r = CsvReader.builder().fieldSeparator(delimiter)
                .ofCsvRecord(new ByteArrayInputStream(csv), StandardCharsets.UTF_8)) {
            for (CsvRecord rec : r) {
                out.add(rec.getFields());
            }
        }
        return out;
    }

    static List<List<String>> parse(Path csv, char delimiter) throws IOException {
        return parse(Files.readAllBytes(csv), delimiter);
    }

    static byte[] zip(String entry, String content) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bos)) {
            z.putNextEntry(new ZipEntry(entry));
            z.write(content.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return bos.toByteArray();
    }

    record Entry(String name, byte[] bytes) {
    }
}
