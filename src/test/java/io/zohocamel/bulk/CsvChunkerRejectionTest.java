package io.zohocamel.bulk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Files the chunker refuses: each with its BulkInputException code (and row where there is one),
 * nothing handed to the consumer, and preflight refusing it the same way.
 */
class CsvChunkerRejectionTest {

    @TempDir
    Path dir;

    private BulkInputException reject(String content) throws IOException {
        return reject(content.getBytes(StandardCharsets.UTF_8), ChunkerSettings.defaults());
    }

    private BulkInputException reject(byte[] content, ChunkerSettings s) throws IOException {
        Path csv = Files.write(dir.resolve("bad-" + System.nanoTime() + ".csv"), content);
        List<Chunk> handed = new ArrayList<>();
        BulkInputException e = catchThrowableOfType(BulkInputException.class,
                () -> new CsvChunker(s).read(csv, BulkJobSpec.defaults(), handed::add, 0));
        assertThat(e).as("expected a BulkInputException").isNotNull();
        assertThat(handed).isEmpty();
        // preflight finds the same problem
        BulkInputException pre = catchThrowableOfType(BulkInputException.class,
                () -> new CsvChunker(s).preflight(csv, BulkJobSpec.defaults()));
        assertThat(pre.code()).isEqualTo(e.code());
        return e;
    }

    @Test
    void rowLargerThanTheByteLimitIsRejected() throws IOException {
        Path csv = TestCsv.writeRaw(dir.resolve("big.csv"), "Last_Name\nshort\n" + "x".repeat(5_000) + "\n");
        BulkInputException e = catchThrowableOfType(BulkInputException.class, () -> new CsvChunker(
                ChunkerSettings.defaults().withMaxChunkBytes(1_000)).preflight(csv, BulkJobSpec.defaults()));
        assertThat(e.code()).isEqualTo(BulkInputException.ROW_TOO_LARGE);
        assertThat(e.row()).isEqualTo(2L);
    }

    @Test
    void emptyFile() throws IOException {
        assertThat(reject("").code()).isEqualTo(BulkInputException.EMPTY_FILE);
        assertThat(reject(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, ChunkerSettings.defaults()).code())
                .isEqualTo(BulkInputException.EMPTY_FILE);
        assertThat(reject("\n\n").code()).isEqualTo(BulkInputException.EMPTY_FILE);
    }

    @Test
    void headerOnly() throws IOException {
        assertThat(reject("Last_Name,Email\r\n").code()).isEqualTo(BulkInputException.NO_ROWS);
        assertThat(reject("Last_Name,Email").code()).isEqualTo(BulkInputException.NO_ROWS);
    }

    @Test
    void rowWiderThanHeader() throws IOException {
        BulkInputException e = reject("Last_Name,Email\nA,a@x\nB,b@x,extra\n");
        assertThat(e.code()).isEqualTo(BulkInputException.ROW_TOO_WIDE);
        assertThat(e.row()).isEqualTo(2L);
        assertThat(e.getMessage()).contains("3 fields", "header has 2");
    }

    @Test
    void rowWiderThanHeaderFarIntoTheFileGivesRowNumber() throws IOException {
        StringBuilder sb = new StringBuilder("Last_Name,Email\n");
        for (int i = 1; i <= 30_000; i++) {
            sb.append("n").append(i).append(",e").append(i).append(i == 27_777 ? ",oops\n" : "\n");
        }
        Path csv = TestCsv.writeRaw(dir.resolve("wide.csv"), sb.toString());
        BulkInputException e = catchThrowableOfType(BulkInputException.class,
                () -> new CsvChunker().preflight(csv, BulkJobSpec.defaults()));
        assertThat(e.code()).isEqualTo(BulkInputException.ROW_TOO_WIDE);
        assertThat(e.row()).isEqualTo(27_777L);
    }

    @Test
    void unbalancedQuoteAtEof() throws IOException {
        BulkInputException e = reject("Last_Name,Email\nA,a@x\n\"B,b@x\nC,c@x\n");
        assertThat(e.code()).isEqualTo(BulkInputException.INVALID_CSV);
        assertThat(e.row()).isEqualTo(2L);
    }

    @Test
    void theBadRowsLineIsCountedFromTheFilesStart() throws IOException {
        BulkInputException e = reject("Last_Name,Email\nA,a@x\nB,b@x\n\"multi\nline\",c@x\n\"D\"x,d@x\n");
        assertThat(e.code()).isEqualTo(BulkInputException.INVALID_CSV);
        assertThat(e.row()).isEqualTo(4L);
        assertThat(e.getMessage()).contains("data row 4").contains("(record starting at line 6)");
    }

    @Test
    void junkAfterClosingQuote() throws IOException {
        assertThat(reject("Last_Name,Email\n\"A\"x,a@x\n").code()).isEqualTo(BulkInputException.INVALID_CSV);
    }

    @Test
    void invalidUtf8() throws IOException {
        byte[] latin1 = "Last_Name,City\nMüller,Köln\n".getBytes(StandardCharsets.ISO_8859_1);
        BulkInputException e = reject(latin1, ChunkerSettings.defaults());
        assertThat(e.code()).isEqualTo(BulkInputException.NOT_UTF8);
        byte[] utf16 = "\uFEFFLast_Name\nA\n".getBytes(StandardCharsets.UTF_16);
        assertThat(reject(utf16, ChunkerSettings.defaults()).code()).isEqualTo(BulkInputException.NOT_UTF8);
    }

    @Test
    void cellOverTheLimit() throws IOException {
        BulkInputException e = reject(("Last_Name,Email\nA," + "x".repeat(2_000) + "\n").getBytes(StandardCharsets.UTF_8),
                ChunkerSettings.defaults().withMaxCellChars(1_000));
        assertThat(e.code()).isEqualTo(BulkInputException.INVALID_CSV);
        assertThat(e.getMessage()).contains("longer than 1000");
        assertThat(e.row()).isEqualTo(1L);
    }

    @Test
    void unclosedQuoteInABigFileStopsAtTheCellLimit() throws IOException {
        StringBuilder sb = new StringBuilder("Last_Name,Email\n\"A,a@x\n");
        for (int i = 0; i < 20_000; i++) {
            sb.append("n,e").append(i).append('\n');
        }
        BulkInputException e = reject(sb.toString());
        assertThat(e.code()).isEqualTo(BulkInputException.INVALID_CSV);
        assertThat(e.row()).isEqualTo(1L);
    }

    @Test
    void headerProblemsComeFromFieldMappings() throws IOException {
        assertThat(reject("Last_Name,Last_Name\nA,B\n").code()).isEqualTo(BulkInputException.DUPLICATE_HEADER);
        assertThat(reject("Last_Name,,Email\nA,B,C\n").code()).isEqualTo(BulkInputException.EMPTY_HEADER);
    }
}
