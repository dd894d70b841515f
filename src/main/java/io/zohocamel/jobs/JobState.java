package io.zohocamel.jobs;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The states a tracked job goes through; Zoho's own spelling is kept beside it in zoho_status. */
public final class JobState {

    /**
     * A chunk uploaded, its job not created yet: written by earlier versions only (a job is now recorded
     * once Zoho has created it); such a row is completed when its file resumes.
     */
    public static final String UPLOADED = "UPLOADED";
    public static final String ADDED = "ADDED";
    public static final String IN_PROGRESS = "IN_PROGRESS";
    public static final String SCHEDULED = "SCHEDULED";
    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";
    public static final String LOST = "LOST";
    public static final String TIMED_OUT = "TIMED_OUT";
    /** Parked until an operator fixes the credentials or the scopes: not polled, not terminal. */
    public static final String AUTH_ERROR = "AUTH_ERROR";
    public static final String CONFIG_ERROR = "CONFIG_ERROR";

    /**
     * An insert's chunk whose job creation got no answer that says whether Zoho made the job (a timeout, a broken
     * connection, a 5xx): not made again (a second job would insert the rows twice); its rows are reported.
     */
    public static final String OUTCOME_UNKNOWN = "OUTCOME_UNKNOWN";

    public static final Set<String> TERMINAL = Set.of(COMPLETED, FAILED, LOST, TIMED_OUT, OUTCOME_UNKNOWN);
    public static final Set<String> PARKED = Set.of(AUTH_ERROR, CONFIG_ERROR);

    private JobState() {
    }

    /** The job store's condition on a job row's status: not one of TERMINAL. */
    static final String NOT_FINISHED_SQL = "status not in ("
            + TERMINAL.stream().sorted().map(state -> "'" + state + "'").collect(Collectors.joining(", ")) + ")";

    public static boolean isFinished(String state) {
        return TERMINAL.contains(state);
    }

    /** Zoho spells in-progress two ways ("IN PROGRESS", older "INPROGRESS"): one state here. */
    public static String fromZoho(String zohoStatus) {
        if (zohoStatus == null) {
            return null;
        }
        String s = zohoStatus.trim().toUpperCase(Locale.ROOT).replace(' ', '_');
        return "INPROGRESS".equals(s) ? IN_PROGRESS : s;
    }
}
