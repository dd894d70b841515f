package io.zohocamel.massupdate;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zohocamel.massupdate.MassUpdateOutcome.RecordResult;

/** One call's worth of an ids request: at most 500 ids and the Zoho body that carries them. */
public record IdsBatch(int index, String module, List<String> ids, ObjectNode body) {

    /** Zoho's per-record answers to one batch, in the batch's order. */
    public record Answer(int index, List<String> ids, List<RecordResult> records) {
    }
}
