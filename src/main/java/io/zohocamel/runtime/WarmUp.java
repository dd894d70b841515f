package io.zohocamel.runtime;

import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs made-up work on its own thread while the runtime starts, so the JIT has compiled the hot code
 * before the first real request (see {@code CsvWarmUp}); {@link StartupHealthCheck} keeps readiness
 * DOWN until it is done. A failure only costs speed: it is logged and the runtime starts as usual.
 */
public final class WarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);

    /** No warm-up (switched off). */
    public static final WarmUp NONE = new WarmUp("nothing", () -> null);

    private final Thread thread;

    private WarmUp(String what, Callable<?> work) {
        thread = new Thread(() -> {
            long start = System.nanoTime();
            try {
                work.call();
                LOG.debug("Warmed up {} in {} ms", what, (System.nanoTime() - start) / 1_000_000);
            } catch (Exception e) {
                LOG.warn("Warm-up of {} stopped ({}); the first work may be slower", what, e.toString());
            }
        }, "warm-up");
        thread.setDaemon(true);
    }

    public static WarmUp start(String what, Callable<?> work) {
        WarmUp warmUp = new WarmUp(what, work);
        warmUp.thread.start();
        return warmUp;
    }

    public boolean isRunning() {
        return thread.isAlive();
    }
}
