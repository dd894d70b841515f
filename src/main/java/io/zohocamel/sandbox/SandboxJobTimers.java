package io.zohocamel.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When due jobs are applied: at the start of every API call, before the sandbox answers about records or job
 * states, and by a timer at a bulk job's completion time (so it calls back even if nobody polls). The record
 * store therefore never depends on who looks first.
 */
final class SandboxJobTimers {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxJobTimers.class);

    private final SandboxClock clock;
    private final Runnable applyDueJobs;
    private volatile ScheduledExecutorService timers;

    SandboxJobTimers(SandboxClock clock, Runnable applyDueJobs) {
        this.clock = clock;
        this.applyDueJobs = applyDueJobs;
    }

    void start() {
        timers = Executors.newSingleThreadScheduledExecutor(new SandboxDaemonThreads("zoho-sandbox-timer"));
    }

    void stop() {
        timers.shutdownNow();
    }

    void applyDueJobs() {
        applyDueJobs.run();
    }

    /** Applies due jobs once the sandbox clock reaches {@code at}; nothing while the sandbox is stopped. */
    void wakeAt(Instant at) {
        ScheduledExecutorService t = timers;
        if (at == null || t == null || t.isShutdown()) {
            return;
        }
        long delay = Math.max(0, Duration.between(clock.now(), at).toMillis()) + 5;
        try {
            t.schedule(applyDueJobs, delay, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            LOG.debug("sandbox timer not scheduled: {}", e.toString());
        }
    }
}
