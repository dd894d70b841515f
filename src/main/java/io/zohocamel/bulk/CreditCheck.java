package io.zohocamel.bulk;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.zohocamel.jobs.CreditLedger;
import io.zohocamel.zoho.ZohoCallCosts;

/**
 * Before anything of a file is sent: its jobs must fit what zoho.daily-credit-budget leaves of the rolling
 * 24 hours (no budget: always). A chunk costs its upload, its bulk-write job and its result download; the
 * polls come on top, a few credits a job, so the estimate is "about".
 */
final class CreditCheck {

    static final long CREDITS_PER_CHUNK = ZohoCallCosts.UPLOAD.credits() + ZohoCallCosts.BULK_WRITE_JOB.credits()
            + ZohoCallCosts.DOWNLOAD.credits();

    private final CreditLedger ledger;
    private final Clock clock;

    CreditCheck(CreditLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /** Throws WaitingForCredits when the jobs of {@code chunks} chunks do not fit the budget now. */
    void check(int chunks) {
        checkCredits(chunks * CREDITS_PER_CHUNK);
    }

    /** As {@link #check}, for {@code rows} rows sent through the Records API in calls of {@code perCall}. */
    void checkRecords(long rows, int perCall) {
        long credits = rows / perCall * ZohoCallCosts.recordsCredits(perCall);
        if (rows % perCall > 0) {
            credits += ZohoCallCosts.recordsCredits((int) (rows % perCall));
        }
        checkCredits(credits);
    }

    private void checkCredits(long credits) {
        if (ledger == null || ledger.budget().isEmpty() || credits <= 0) {
            return;
        }
        Optional<Instant> fits = ledger.whenFits(credits);
        if (fits.isEmpty() || fits.get().isAfter(clock.instant())) {
            throw new WaitingForCredits(credits, ledger.budget().getAsLong(), fits.orElse(null));
        }
    }
}
