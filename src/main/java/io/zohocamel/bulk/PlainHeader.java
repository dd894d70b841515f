package io.zohocamel.bulk;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Decodes a header that {@link PlainRecordScanner} found plain into the names FastCSV would read. */
final class PlainHeader {

    private static final byte QUOTE = '"';
    private static final byte COMMA = ',';

    private PlainHeader() {
    }

    /**
     * The cells of the plain record {@code b[start, end)} of {@code fields} fields, as FastCSV gives
     * them (a stray second BOM dropped, as CsvSource does).
     */
    static List<String> decode(byte[] b, int start, int end, int fields) {
        List<String> out = new ArrayList<>(fields);
        int p = start;
        while (true) {
            StringBuilder cell = new StringBuilder();
            int q;
            if (p < end && b[p] == QUOTE) {
                q = p + 1;
                int from = q;
                while (true) {
                    if (b[q] == QUOTE) {
                        cell.append(new String(b, from, q - from, StandardCharsets.UTF_8));
                        if (q + 1 < end && b[q + 1] == QUOTE) {
                            cell.append('"');
                            q += 2;
                            from = q;
                            continue;
                        }
                        q++;
                        break;
                    }
                    q++;
                }
            } else {
                q = p;
                while (q < end && b[q] != COMMA) {
                    q++;
                }
                cell.append(new String(b, p, q - p, StandardCharsets.UTF_8));
            }
            out.add(cell.toString());
            if (q >= end) {
                break;
            }
            p = q + 1; // past the comma
        }
        if (!out.isEmpty() && out.get(0).startsWith("\uFEFF")) {
            out.set(0, out.get(0).substring(1));
        }
        return List.copyOf(out);
    }
}
