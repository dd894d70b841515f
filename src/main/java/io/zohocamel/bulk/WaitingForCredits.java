package io.zohocamel.bulk;

import java.time.Instant;

/**
 * A file whose bulk-write jobs would spend more API credits than zoho.daily-credit-budget leaves in the
 * rolling 24 hours: it waits in the inbox, sending nothing, until they fit ({@code fitsAt}, or never
 * while the budget is smaller than the file's cost).
 */
public class WaitingForCredits extends RuntimeException {

    private final long credits;
    private final Instant fitsAt;

    WaitingForCredits(long credits, long budget, Instant fitsAt) {
        super(fitsAt == null
                ? String.format(java.util.Locale.ROOT, "needs about %,d API credits, more than the whole budget of %,d"
                        + " (zoho.daily-credit-budget): it waits until the budget is raised", credits, budget)
                : String.format(java.util.Locale.ROOT, "needs about %,d API credits; the budget of %,d"
                        + " (zoho.daily-credit-budget) allows them from %s", credits, budget, fitsAt),
                null, false, false);
        this.credits = credits;
        this.fitsAt = fitsAt;
    }

    public long credits() {
        return credits;
    }

    /** When the credits fit the rolling window; null while they never can. */
    public Instant fitsAt() {
        return fitsAt;
    }
}
