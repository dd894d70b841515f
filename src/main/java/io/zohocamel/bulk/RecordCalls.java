package io.zohocamel.bulk;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.IntPredicate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.zohocamel.common.Json;

/**
 * A small file's rows read as Records API calls of {@value #RECORDS_PER_CALL}, for the bulk-inbox route's
 * streaming split: read as the split takes them (the split's bounded executor holds back the reading),
 * skipping the calls already answered.
 */
final class RecordCalls implements Iterator<RecordCall>, Closeable {

    /** Zoho's limit for an insert, update or upsert call. */
    static final int RECORDS_PER_CALL = 100;

    private final CsvSource src;
    private final RecordFields fields;
    private final IntPredicate skip;
    private RecordCall next;
    private int index;
    private boolean ended;

    RecordCalls(Path csv, BulkJobSpec spec, RecordFields fields, IntPredicate skip, int maxCellChars) throws IOException {
        this.src = CsvSource.open(csv, spec.delimiterChar(), maxCellChars);
        this.fields = fields;
        this.skip = skip;
    }

    @Override
    public boolean hasNext() {
        while (next == null && !ended) {
            long first = src.row() + 1;
            ArrayNode records = Json.MAPPER.createArrayNode();
            boolean wanted = !skip.test(index);
            CsvRecord row;
            while (records.size() < RECORDS_PER_CALL && (row = src.next()) != null) {
                records.add(wanted ? fields.record(row) : Json.MAPPER.nullNode());
            }
            if (records.isEmpty()) {
                ended = true;
            } else if (wanted) {
                next = new RecordCall(index, first, records);
            }
            index++;
        }
        return next != null;
    }

    @Override
    public RecordCall next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        RecordCall call = next;
        next = null;
        return call;
    }

    @Override
    public void close() {
        try {
            src.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
