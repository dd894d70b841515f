package io.zohocamel.massupdate;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How the records to update are chosen. {@code IDS} is Zoho's non-scheduler form (applied at once,
 * 500 ids a call); {@code CVID} is the scheduler form (a custom view, answered with a job id).
 */
public enum MassUpdateKind {
    IDS,
    CVID;

    /** The spelling used in the results message: {@code "ids"} or {@code "cvid"}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
