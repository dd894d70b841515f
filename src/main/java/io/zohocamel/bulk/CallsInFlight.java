package io.zohocamel.bulk;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Zoho calls of the file being refused that are still out. A parallel split that stops on an exception
 * returns at once, while the calls it already started go on (Camel's multicast does not wait for them); one file
 * is consumed at a time, so whatever the bulk executors still run belongs to it. Waiting for them first makes
 * the refusal's error.json and result.csv count everything that went in.
 */
public class CallsInFlight {

    private static final Logger LOG = LoggerFactory.getLogger(CallsInFlight.class);

    private final Duration maxWait;
    private final AtomicInteger queued = new AtomicInteger();
    /** Threads running a task of a tracked executor (a count each: the split's own thread may run one too). */
    private final Map<Thread, Integer> running = new ConcurrentHashMap<>();

    public CallsInFlight(Duration maxWait) {
        this.maxWait = maxWait;
    }

    /** bulk-inbox route, refusing a file: returns once no call of it is out, or after maxWait (logged). */
    public void awaitNone() throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (busy()) {
            if (System.nanoTime() > deadline) {
                LOG.warn("calls of the refused file still out after {} s: its report counts what was answered by then",
                        maxWait.toSeconds());
                return;
            }
            Thread.sleep(20);
        }
    }

    /** The refusal itself may be carried on by a task's thread (the split's callback): that one is not waited for. */
    private boolean busy() {
        Thread self = Thread.currentThread();
        return queued.get() > 0 || running.keySet().stream().anyMatch(t -> t != self);
    }

    /** {@code executor}, its tasks counted. */
    public ExecutorService track(ExecutorService executor) {
        return new AbstractExecutorService() {
            @Override
            public void execute(Runnable task) {
                queued.incrementAndGet();
                executor.execute(() -> {
                    queued.decrementAndGet();
                    Thread thread = Thread.currentThread();
                    running.merge(thread, 1, Integer::sum);
                    try {
                        task.run();
                    } finally {
                        running.computeIfPresent(thread, (t, n) -> n == 1 ? null : n - 1);
                    }
                });
            }

            @Override
            public void shutdown() {
                executor.shutdown();
            }

            @Override
            public List<Runnable> shutdownNow() {
                return executor.shutdownNow();
            }

            @Override
            public boolean isShutdown() {
                return executor.isShutdown();
            }

            @Override
            public boolean isTerminated() {
                return executor.isTerminated();
            }

            @Override
            public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
                return executor.awaitTermination(timeout, unit);
            }
        };
    }
}
