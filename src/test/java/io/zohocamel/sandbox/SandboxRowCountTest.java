package io.zohocamel.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The byte-level count of a plain upload is FastCSV's count; anything it is unsure of is left to FastCSV. */
class SandboxRowCountTest {

    private static final String[] CELLS = {"", "x", "Zoë 日本", "\"a, b\"", "\"esc \"\"q\"\"\"", "\"two\nlines\"",
        "\"crlf\r\nin\"", "a\"b", "\"a\"b", "\"unclosed", "\"\""};
    private static final String[] ENDS = {"\n", "\r\n", "\r", "\n\n", "\r\n\r\n"};

    @Test
    void plainFilesAreCountedAsFastCsvCountsThem() {
        Random random = new Random(7);
        int plain = 0;
        for (int i = 0; i < 5000; i++) {
            byte[] csv = randomFile(random);
            int counted = SandboxRowCount.plainRecords(csv);
            if (counted >= 0) {
                plain++;
                assertThat(counted).as("%s", new String(csv, StandardCharsets.UTF_8)).isEqualTo(fastCsvRecords(csv));
            }
        }
        assertThat(plain).isGreaterThan(1000);
    }

    @Test
    void oddFilesAreLeftToFastCsv() {
        // a quote inside a cell is a character to FastCSV (3 records here), not the start of a quoted part
        for (String odd : new String[] {"a,b\nx\"y,z\n", "a,b\n\"x\"y,z\n", "a,b\n\"open,z\n", "a,b\nx\"y\nz\",w\n"}) {
            assertThat(SandboxRowCount.plainRecords(odd.getBytes(StandardCharsets.UTF_8))).as(odd).isEqualTo(-1);
        }
        assertThat(SandboxRowCount.plainRecords("\uFEFFa,b\r\n1,2\r\n\r\n3,\"4\n5\"".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(3);
    }

    private static int fastCsvRecords(byte[] csv) {
        int n = 0;
        try (CsvReader<CsvRecord> reader = SandboxUploads.reader(csv)) {
            for (CsvRecord ignored : reader) {
                n++;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return n;
    }

    private static byte[] randomFile(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (random.nextInt(10) == 0) {
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        int rows = 1 + random.nextInt(8);
        for (int r = 0; r < rows; r++) {
            int width = 1 + random.nextInt(4);
            for (int c = 0; c < width; c++) {
                if (c > 0) {
                    out.write(',');
                }
                String cell = random.nextInt(3) > 0 ? "v" + c : CELLS[random.nextInt(CELLS.length)];
                out.writeBytes(cell.getBytes(StandardCharsets.UTF_8));
            }
            if (r < rows - 1 || random.nextBoolean()) {
                out.writeBytes(ENDS[random.nextInt(ENDS.length)].getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }
}
