package io.zohocamel.sandbox;

import java.util.concurrent.atomic.AtomicLong;

/** Zoho ids are 19-digit numbers; one sequence serves files, jobs and records so they never collide. */
final class SandboxIds {

    private final AtomicLong next = new AtomicLong(4150868000100000001L);

    String next() {
        return Long.toString(next.getAndIncrement());
    }
}
