package io.zohocamel.bulk;

import de.siegmar.fastcsv.reader.CsvRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Zoho's result rows for one chunk: {STATUS, RECORD_ID, ERRORS} per row, or an error once unreadable. */
final class ZohoResultRows implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(ZohoResultRows.class);

    private final ChunkResult chunk;
    private ZipFile zip;
    private CsvSource src;
    private int statusIdx = -1;
    private int idIdx = -1;
    private int errIdx = -1;
    private String error; // set when the result could not be read (further rows: none)
    private Iterator<String[]> known; // rows answered without a ZIP (Records API)

    private ZohoResultRows(ChunkResult chunk) {
        this.chunk = chunk;
    }

    /** null when the chunk has no result at all. */
    static ZohoResultRows open(ChunkResult chunk, int maxCellChars) throws IOException {
        if (chunk.resultRows() != null) {
            ZohoResultRows r = new ZohoResultRows(chunk);
            r.known = chunk.resultRows().iterator();
            return r;
        }
        if (chunk.resultZip() == null) {
            return null;
        }
        ZohoResultRows r = new ZohoResultRows(chunk);
        try {
            r.zip = new ZipFile(chunk.resultZip().toFile(), StandardCharsets.UTF_8);
            ZipEntry csv = null;
            for (Enumeration<? extends ZipEntry> e = r.zip.entries(); e.hasMoreElements(); ) {
                ZipEntry z = e.nextElement();
                if (!z.isDirectory() && (csv == null || z.getName().toLowerCase(Locale.ROOT).endsWith(".csv")
                        && !csv.getName().toLowerCase(Locale.ROOT).endsWith(".csv"))) {
                    csv = z;
                }
            }
            if (csv == null) {
                r.fail("the result ZIP holds no file");
                return r;
            }
            r.src = CsvSource.openLenient(r.zip.getInputStream(csv), ',', Math.max(maxCellChars, 1 << 20),
                    "result of chunk " + chunk.index());
            List<String> h = r.src.header();
            r.statusIdx = lastIndexOf(h, "STATUS");
            r.idIdx = lastIndexOf(h, "RECORD_ID");
            r.errIdx = lastIndexOf(h, "ERRORS");
            if (r.statusIdx < 0) {
                r.fail("the result CSV has no STATUS column");
            }
        } catch (IOException | RuntimeException e) {
            r.fail("cannot read the result ZIP: " + e.getMessage());
        }
        return r;
    }

    /** Why the result could not be read, as the rows' ERRORS; null while it reads. */
    String error() {
        return error;
    }

    private void fail(String why) {
        LOG.warn("chunk {}: {} ({})", chunk.index(), why, chunk.resultZip());
        error = "RESULT_UNREADABLE-" + why;
    }

    String[] next() {
        if (known != null) {
            return known.hasNext() ? known.next() : null;
        }
        if (error != null || src == null) {
            return null;
        }
        try {
            CsvRecord r = src.next();
            if (r == null) {
                return null;
            }
            return new String[]{field(r, statusIdx), field(r, idIdx), field(r, errIdx)};
        } catch (RuntimeException e) {
            fail("cannot read the result CSV: " + e.getMessage());
            return null;
        }
    }

    private static String field(CsvRecord r, int i) {
        return i >= 0 && i < r.getFieldCount() ? r.getField(i) : "";
    }

    private static int lastIndexOf(List<String> header, String name) {
        for (int i = header.size() - 1; i >= 0; i--) {
            if (header.get(i).trim().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        try {
            if (src != null) {
                src.close();
            }
        } finally {
            if (zip != null) {
                zip.close();
            }
        }
    }
}
