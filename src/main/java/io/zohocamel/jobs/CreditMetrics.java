package io.zohocamel.jobs;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;

/**
 * The credit ledger on /observe/metrics: {@code zoho_credits_used_total{api}} (this instance's spending),
 * {@code zoho_credits_remaining} (Zoho's X-API-CREDITS-REMAINING, NaN until Zoho sent it: it does once half
 * the org's credits are used) and, with a budget, {@code zoho_credits_budget_remaining} (the budget less the
 * last 24 hours of every instance, read from the job store at most every 5 seconds).
 */
final class CreditMetrics implements AutoCloseable {

    private static final long CACHE_MS = 5_000;

    private final CreditLedger ledger;
    private final List<Meter> gauges;
    private volatile double budgetRemaining = Double.NaN;
    private volatile long readAt;

    static void used(String api, int credits) {
        Counter.builder("zoho.credits.used")
                .description("API credits spent at Zoho by this instance, by api (prices: ZohoCallCosts, some unverified)")
                .tag("api", api).register(Metrics.globalRegistry).increment(credits);
    }

    /** Registers the gauges of {@code ledger}; closing removes them (a later runtime in this JVM registers its own). */
    CreditMetrics(CreditLedger ledger) {
        this.ledger = ledger;
        Gauge remaining = Gauge.builder("zoho.credits.remaining",
                        () -> ledger.zohoRemaining().map(r -> (double) r.credits()).orElse(Double.NaN))
                .strongReference(true)
                .description("The org's API credits left as Zoho last said (X-API-CREDITS-REMAINING; sent from half used on)")
                .register(Metrics.globalRegistry);
        if (ledger.budget().isEmpty()) {
            gauges = List.of(remaining);
            return;
        }
        Gauge budget = Gauge.builder("zoho.credits.budget.remaining", this::budgetRemaining).strongReference(true)
                .description("zoho.daily-credit-budget less the credits spent in the last 24 hours by every instance")
                .register(Metrics.globalRegistry);
        gauges = List.of(remaining, budget);
    }

    private double budgetRemaining() {
        long now = System.currentTimeMillis();
        if (now - readAt > CACHE_MS) {
            try {
                budgetRemaining = ledger.budgetRemaining().orElseThrow();
            } catch (JobStoreException unavailable) {
                // health reports the job store; the gauge keeps the last figure
            }
            readAt = now;
        }
        return budgetRemaining;
    }

    @Override
    public void close() {
        gauges.forEach(Metrics.globalRegistry::remove);
    }
}
