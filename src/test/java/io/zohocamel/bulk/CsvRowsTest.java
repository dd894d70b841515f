package io.zohocamel.bulk;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The byte-level copy of plain rows must change nothing a user or Zoho can see: for thousands of
 * random files built from the awkward pieces of real CSVs (quotes, stray quotes, CR, CRLF inside
 * quotes, empty lines, multi-byte and broken UTF-8, BOMs, cells at the size limit, short and wide
 * rows), the chunks it produces hold exactly the records FastCSV-for-every-row produces, with the
 * same boundaries, and a file it refuses is refused with the same code at the same row.
 */
class CsvRowsTest {

    private static final String[] CELLS = {
        "", "x", "hello world", "Zoë", "日本", "😀", " spaced ", "#hash", "\uFEFFbom", "\"quoted, with comma\"",
        "\"esc \"\"aped\"\"\"", "\"multi\nline\"", "\"crlf\r\ninside\"", "\"\"", "a\"b", "\"a\"b", "\"bare\rcr\"",
        "tab\there", "0123456789012345678", "01234567890123456789X", "\"0123456789012345678\"", "ééééééééééé",
        "nul\0byte", "\"unclosed",
    };
    private static final byte[][] BAD_BYTES = {
        {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE6, (byte) 0x97},
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
    };
    private static final String[] LINE_ENDS = {"\n", "\n", "\n", "\r\n", "\r\n", "\r", "\n\n", "\r\n\r\n"};

    @Test
    void randomAwkwardFilesComeOutAsFastCsvReadsThem(@TempDir Path dir) throws Exception {
        ChunkerSettings settings = ChunkerSettings.defaults().withMaxRows(3).withMaxCellChars(20).withParallelism(1);
        CsvChunker bytes = new CsvChunker(settings, true);
        CsvChunker fastCsv = new CsvChunker(settings, false);
        Random random = new Random(20261130);
        int refused = 0;
        int accepted = 0;
        for (int i = 0; i < 3000; i++) {
            Path csv = Files.write(dir.resolve("f" + i + ".csv"), randomFile(random));
            Outcome expected = run(fastCsv, csv);
            Outcome actual = run(bytes, csv);
            if (!decodes(Files.readAllBytes(csv))) {
                // refused by both; which error comes first differs (FastCSV's decoder reads 8 KB ahead)
                assertThat(actual.code).as("file %d", i).isNotNull();
                assertThat(expected.code).as("file %d", i).isNotNull();
                refused++;
                continue;
            }
            assertThat(actual).as("file %d: %s", i, java.util.HexFormat.of().formatHex(Files.readAllBytes(csv)))
                    .isEqualTo(expected);
            if (expected.code != null) {
                refused++;
            } else {
                accepted++;
            }
        }
        // both kinds of file are well represented
        assertThat(refused).isGreaterThan(300);
        assertThat(accepted).isGreaterThan(300);
    }

    @Test
    void utf8LengthFollowsJavasStrictDecoder() {
        for (int b0 = 0x80; b0 <= 0xFF; b0++) {
            for (int b1 = 0x00; b1 <= 0xFF; b1++) {
                byte[] seq = {(byte) b0, (byte) b1, (byte) 0x80, (byte) 0x80};
                int expected = -1;
                for (int len = 2; len <= 4 && expected < 0; len++) {
                    expected = decodes(seq, len) ? len : -1;
                }
                assertThat(Utf8Sequence.length(seq, 0, seq.length)).as("%02X %02X 80 80", b0, b1).isEqualTo(expected);
            }
        }
        // the buffer ends inside a sequence: read more before deciding
        assertThat(Utf8Sequence.length(new byte[] {(byte) 0xE6, (byte) 0x97}, 0, 2)).isZero();
    }

    private static boolean decodes(byte[] file) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(file));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static boolean decodes(byte[] seq, int len) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(seq, 0, len)).toString();
            return s.codePointCount(0, s.length()) == 1;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    /** What a pass made of a file: its chunks' records and bounds, or the code and row it was refused with. */
    private record Outcome(String code, Long row, long rows, List<ChunkPlan.Bounds> bounds, List<List<List<String>>> chunks) {
    }

    private static Outcome run(CsvChunker chunker, Path csv) throws Exception {
        List<List<List<String>>> chunks = new ArrayList<>();
        try {
            ChunkPlan plan = chunker.read(csv, BulkJobSpec.defaults(),
                    chunk -> chunks.add(TestCsv.parse(TestCsv.unzipSingle(chunk.zip()).bytes(), ',')), 0);
            List<ChunkPlan.Bounds> bounds = plan.chunks().stream()
                    .map(b -> new ChunkPlan.Bounds(b.index(), b.firstRow(), b.rowCount(), 0)).toList();
            return new Outcome(null, null, plan.totalRows(), bounds, chunks);
        } catch (BulkInputException e) {
            // where a bad byte is noticed depends on read-ahead: FastCSV says "near"
            Long row = BulkInputException.NOT_UTF8.equals(e.code()) ? null : e.row();
            return new Outcome(e.code(), row, 0, List.of(), List.of());
        }
    }

    private static byte[] randomFile(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int start = random.nextInt(20);
        if (start == 0) {
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        } else if (start == 1) {
            out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE});
        } else if (start == 2) {
            out.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes((random.nextInt(10) == 0 ? "\"A\",B,\"C \"\"c\"\"\"" : "A,B,C").getBytes(StandardCharsets.UTF_8));
        int rows = random.nextInt(12);
        for (int r = 0; r < rows; r++) {
            out.writeBytes(lineEnd(random));
            int width = random.nextInt(10) == 0 ? 4 + random.nextInt(3) : 1 + random.nextInt(3);
            for (int c = 0; c < width; c++) {
                if (c > 0) {
                    out.write(',');
                }
                // most cells plain, so that files get past their first rows before anything odd
                if (random.nextInt(4) > 0) {
                    out.writeBytes(("v" + r + c).getBytes(StandardCharsets.UTF_8));
                } else if (random.nextInt(40) == 0) {
                    out.writeBytes(BAD_BYTES[random.nextInt(BAD_BYTES.length)]);
                } else {
                    out.writeBytes(CELLS[random.nextInt(CELLS.length)].getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        if (random.nextBoolean()) {
            out.writeBytes(lineEnd(random));
        }
        return out.toByteArray();
    }

    private static byte[] lineEnd(Random random) {
        // bare CR and empty lines less often than plain line ends
        int i = random.nextInt(10) < 7 ? random.nextInt(5) : random.nextInt(LINE_ENDS.length);
        return LINE_ENDS[i].getBytes(StandardCharsets.UTF_8);
    }
}
