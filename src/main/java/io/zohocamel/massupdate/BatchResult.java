package io.zohocamel.massupdate;

import java.util.List;

/** Zoho's per-record answers for one batch, in the batch's order. */
public record BatchResult(int index, List<String> ids, List<MassUpdateOutcome.RecordResult> answers) {
}
