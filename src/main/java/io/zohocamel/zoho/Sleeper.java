package io.zohocamel.zoho;

import java.time.Duration;

/** Waits between retries; injectable so tests can count the backoff instead of waiting it out. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(Math.max(0, duration.toMillis()));

    void sleep(Duration duration) throws InterruptedException;
}
