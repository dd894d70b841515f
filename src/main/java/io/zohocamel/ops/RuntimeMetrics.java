package io.zohocamel.ops;

import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.zohocamel.jobs.JobState;
import io.zohocamel.jobs.JobStore;
import org.apache.camel.CamelContext;

/**
 * The runtime's own figures beside Camel's route metrics on /observe/metrics. Beans count through
 * Micrometer's global registry; this joins Camel's Prometheus registry to it and adds the gauges
 * that are read from the job store at scrape time (cached briefly: one grouped query per scrape).
 */
public final class RuntimeMetrics {

    private static final Set<String> STATES = Set.of(JobState.UPLOADED, JobState.ADDED, JobState.IN_PROGRESS,
            JobState.SCHEDULED, JobState.RUNNING, JobState.COMPLETED, JobState.FAILED, JobState.LOST, JobState.TIMED_OUT,
            JobState.OUTCOME_UNKNOWN, JobState.AUTH_ERROR, JobState.CONFIG_ERROR);

    private final JobStore store;
    private volatile Map<String, Long> counts = Map.of();
    private volatile long countedAt;

    public RuntimeMetrics(JobStore store) {
        this.store = store;
    }

    public void bind(CamelContext context) {
        MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        if (registry != null && !Metrics.globalRegistry.getRegistries().contains(registry)) {
            Metrics.addRegistry(registry);
        }
        for (String state : STATES) {
            Gauge.builder("zoho.jobs", () -> jobCounts().getOrDefault(state, 0L))
                    .tag("status", state).description("Zoho jobs in the job store by state")
                    .register(Metrics.globalRegistry);
        }
    }

    private Map<String, Long> jobCounts() {
        long now = System.currentTimeMillis();
        if (now - countedAt > 5_000) {
            try {
                counts = store.countsByStatus();
            } catch (RuntimeException unavailable) {
                // health reports the job store; metrics keep the last figures
            }
            countedAt = now;
        }
        return counts;
    }
}
