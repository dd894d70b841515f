package io.zohocamel.zoho;

import java.time.Instant;

/**
 * Where the client reports what its calls cost and asks how the day's API credits stand: the credit
 * ledger of the runtime implements it (the Zoho client keeps no ledger of its own). Called on the
 * calling thread; an implementation must be quick and must not throw (a failure it has is its own to log).
 */
public interface CreditListener {

    /** Zoho answered a call it charges for: {@code credits} of {@code api} (a {@link ZohoCallCosts} label). */
    void spent(String api, int credits);

    /** Zoho said how many credits the org has left in its window ({@code X-API-CREDITS-REMAINING}). */
    void remaining(long credits);

    /** Whether this runtime has spent its own daily budget (false when it has none). */
    boolean budgetSpent();

    /**
     * Zoho refused a call for want of credits (at {@code now}): until when no call should be made. The
     * client refuses every call until then without sending it; {@code now} or earlier: no pause.
     */
    Instant creditsExhausted(Instant now);

    /** Books nothing, never pauses. */
    CreditListener NONE = new CreditListener() {
        @Override
        public void spent(String api, int credits) {
        }

        @Override
        public void remaining(long credits) {
        }

        @Override
        public boolean budgetSpent() {
            return false;
        }

        @Override
        public Instant creditsExhausted(Instant now) {
            return now;
        }
    };
}
