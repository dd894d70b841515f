package io.zohocamel.bulk;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.zohocamel.component.ZohoHeaders;
import io.zohocamel.jobs.BulkFile;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.jobs.RecordBatch;
import io.zohocamel.zoho.Outcome;
import io.zohocamel.zoho.ZohoCallException;
import io.zohocamel.zoho.ZohoResponse;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The steps of a small file's way through Zoho's Records API (bulk-inbox's records branch, bulk-records-call):
 * its rows as calls of 100, each call's answer kept per row in the job store the moment it comes, so a restart
 * sends only the calls not answered. An insert's call is written down before it leaves: one that was out when
 * the service stopped is reported (OUTCOME_UNKNOWN), never sent twice.
 */
public class BulkRecords {

    /** Header: the file's operation, for the route's choice of call. */
    public static final String OPERATION = "bulkOperation";
    private static final String CALL = "bulkRecordCall";

    private final JobStore store;

    public BulkRecords(JobStore store) {
        this.store = store;
    }

    /** bulk-inbox route: whether the recorded file goes through the Records API (decided by BulkIntake#record). */
    public boolean recordsApi(Exchange exchange) {
        return submission(exchange).spec().isRecordsApi();
    }

    /**
     * bulk-inbox route: the calls still to make, for the split. A call found SENT (an insert that was out when the
     * service stopped) gets its rows reported as of unknown outcome instead of being sent again.
     */
    public RecordCalls calls(Exchange exchange) throws IOException {
        BulkSubmission s = submission(exchange);
        Set<Integer> answered = new HashSet<>();
        for (RecordBatch batch : store.recordBatches(s.file().id())) {
            if (!batch.isDone()) {
                store.recordBatchDone(s.file().id(), batch.index(), batch.firstRow(), batch.rowCount(),
                        RecordOutcomes.unknown(batch.rowCount(), "the service stopped while this insert was at Zoho"));
            }
            answered.add(batch.index());
        }
        return new RecordCalls(s.source(), s.spec(), RecordFields.of(s.plan().mappings(), s.spec()), answered::contains,
                ChunkerSettings.DEFAULT_MAX_CELL_CHARS);
    }

    /** bulk-records-call route: a call (body) becomes the records of zoho:insertRecords, updateRecords or upsertRecords. */
    public void request(Exchange exchange) {
        BulkSubmission s = submission(exchange);
        RecordCall call = exchange.getMessage().getBody(RecordCall.class);
        exchange.setProperty(CALL, call);
        Message msg = exchange.getMessage();
        msg.setHeader(OPERATION, s.operation());
        msg.setHeader(ZohoHeaders.MODULE, s.module());
        msg.setHeader(ZohoHeaders.CALL, "records " + s.operation() + " of " + s.fileName() + " " + call.rows());
        if ("upsert".equals(s.operation())) {
            msg.setHeader(ZohoHeaders.DUPLICATE_CHECK_FIELDS, s.spec().findBy());
        }
        if ("insert".equals(s.operation())) {
            store.recordBatchSent(s.file().id(), call.index(), call.firstRow(), call.rowCount());
        }
        msg.setBody(call.records());
    }

    /**
     * bulk-records-call route: each row's outcome kept. An update's or upsert's failed call has been thrown by its
     * endpoint (and redelivered: applied twice it changes nothing); an insert's is judged here: refused for now
     * (nothing applied) it is made at a later scan, refused for good it refuses the file, and without an answer
     * its rows are reported, not sent again.
     */
    public void answered(Exchange exchange) {
        BulkSubmission s = submission(exchange);
        RecordCall call = exchange.getProperty(CALL, RecordCall.class);
        ZohoResponse answer = exchange.getMessage().getBody(ZohoResponse.class);
        List<String[]> outcomes;
        if (answer.isSuccess()) {
            outcomes = RecordOutcomes.of(s.operation(), answer, call.rowCount());
        } else if (answer.surelyNotTaken() || answer.outcome() == Outcome.AUTH) {
            store.recordBatchNotSent(s.file().id(), call.index());
            throw new RecordsNotTaken("the insert of " + call.rows() + " was refused for now (" + answer.code()
                    + "), nothing of it was applied; it is made again at the next scan");
        } else if (answer.outcome() == Outcome.PERMANENT) {
            store.recordBatchNotSent(s.file().id(), call.index());
            throw ZohoCallException.of("records insert of " + call.rows(), answer);
        } else {
            outcomes = RecordOutcomes.unknown(call.rowCount(), "Zoho gave no answer (" + answer.code() + ")");
        }
        store.recordBatchDone(s.file().id(), call.index(), call.firstRow(), call.rowCount(), outcomes);
        Counter.builder("bulk.rows.records.api").description("Rows of dropped files sent through Zoho's Records API")
                .register(Metrics.globalRegistry).increment(call.rowCount());
    }

    /** bulk-inbox route, every call answered and the file in done/: the file, for bulk-file-results' merge. */
    public void results(Exchange exchange) {
        BulkSubmission s = submission(exchange);
        BulkFile file = store.bulkFile(s.file().id()).orElseThrow();
        exchange.getMessage().setBody(file);
        exchange.setProperty(BulkReports.FILE, file);
    }

    private static BulkSubmission submission(Exchange exchange) {
        return exchange.getProperty(BulkIntake.SUBMISSION, BulkSubmission.class);
    }
}
