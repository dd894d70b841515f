package io.zohocamel.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Start-up settings of the {@link ZohoSandbox}. Every knob can also be changed at run time through the
 * sandbox's setters; this record only decides how it starts.
 *
 * @param port           TCP port on 127.0.0.1, 0 = any free port
 * @param latency        delay added to every API call (after the concurrency check, so slow calls pile up)
 * @param rate429        fraction (0..1) of API calls answered 429 TOO_MANY_REQUESTS
 * @param rate500        fraction (0..1) of API calls answered 500 INTERNAL_ERROR
 * @param tokenLifetime  lifetime of minted access tokens (Zoho: 1 hour)
 * @param concurrencyCap API calls in flight accepted at once; one more is answered 429 (Zoho: 10-25 per org)
 * @param jobStep        time a bulk-write / mass-update job spends in each of its states
 * @param maxRecords     records kept per module; past it the oldest is forgotten (as if deleted in the CRM)
 * @param maxJobs        finished bulk-write jobs kept with their result files, and uploaded files kept; past it
 *                       the oldest is forgotten (its id answers as unknown)
 * @param storage        folder for uploaded files and job results (null = a temporary folder of the sandbox's
 *                       own, deleted when it stops); emptied at start and at stop: what it holds dies with the
 *                       sandbox's memory
 */
public record SandboxSettings(int port, Duration latency, double rate429, double rate500,
                              Duration tokenLifetime, int concurrencyCap, Duration jobStep,
                              int maxRecords, int maxJobs, Path storage) {

    public SandboxSettings {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(tokenLifetime, "tokenLifetime");
        Objects.requireNonNull(jobStep, "jobStep");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (rate429 < 0 || rate429 > 1 || rate500 < 0 || rate500 > 1) {
            throw new IllegalArgumentException("rates must be within 0..1");
        }
        if (concurrencyCap < 1) {
            throw new IllegalArgumentException("concurrencyCap must be >= 1");
        }
        if (maxRecords < 1 || maxJobs < 1) {
            throw new IllegalArgumentException("maxRecords and maxJobs must be >= 1");
        }
        if (latency.isNegative() || tokenLifetime.isNegative() || jobStep.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    /**
     * Zoho-like defaults: free port, no faults, 1 h tokens, 10 calls in flight, 2 s per job state; 50,000
     * records per module and 200 jobs and files, in a temporary folder.
     */
    public static SandboxSettings defaults() {
        return new SandboxSettings(0, Duration.ZERO, 0.0, 0.0, Duration.ofHours(1), 10, Duration.ofSeconds(2),
                50_000, 200, null);
    }

    /**
     * Reads the {@code zoho.sandbox.*} keys of config/application.properties (port, latency, rate-429, rate-500,
     * token-lifetime, concurrency-cap, job-step, max-records, max-jobs); keys the lookup does not know (null/blank) keep their defaults.
     * Durations accept {@code 250ms}, {@code 2s}, {@code 5m}, {@code 1h}, {@code 1d} or ISO-8601 ({@code PT2S}).
     */
    public static SandboxSettings fromProperties(Function<String, String> lookup) {
        SandboxSettings d = defaults();
        return new SandboxSettings(
                intOr(lookup.apply("zoho.sandbox.port"), d.port()),
                durationOr(lookup.apply("zoho.sandbox.latency"), d.latency()),
                doubleOr(lookup.apply("zoho.sandbox.rate-429"), d.rate429()),
                doubleOr(lookup.apply("zoho.sandbox.rate-500"), d.rate500()),
                durationOr(lookup.apply("zoho.sandbox.token-lifetime"), d.tokenLifetime()),
                intOr(lookup.apply("zoho.sandbox.concurrency-cap"), d.concurrencyCap()),
                durationOr(lookup.apply("zoho.sandbox.job-step"), d.jobStep()),
                intOr(lookup.apply("zoho.sandbox.max-records"), d.maxRecords()),
                intOr(lookup.apply("zoho.sandbox.max-jobs"), d.maxJobs()),
                null);
    }

    public SandboxSettings withPort(int value) {
        return new SandboxSettings(value, latency, rate429, rate500, tokenLifetime, concurrencyCap, jobStep, maxRecords, maxJobs, storage);
    }

    public SandboxSettings withLatency(Duration value) {
        return new SandboxSettings(port, value, rate429, rate500, tokenLifetime, concurrencyCap, jobStep, maxRecords, maxJobs, storage);
    }

    public SandboxSettings withRate429(double value) {
        return new SandboxSettings(port, latency, value, rate500, tokenLifetime, concurrencyCap, jobStep, maxRecords, maxJobs, storage);
    }

    public SandboxSettings withRate500(double value) {
        return new SandboxSettings(port, latency, rate429, value, tokenLifetime, concurrencyCap, jobStep, maxRecords, maxJobs, storage);
    }

    public SandboxSettings withTokenLifetime(Duration value) {
        return new SandboxSettings(port, latency, rate429, rate500, value, concurrencyCap, jobStep, maxRecords, maxJobs, storage);
    }

    public SandboxSettings withConcurrencyCap(int value) {
        return new SandboxSettings(port, latency, rate429, rate500, tokenLifetime, value, jobStep, maxRecords, maxJobs, storage);
    }

    public SandboxSettings withJobStep(Duration value) {
        return new SandboxSettings(port, latency, rate429, rate500, tokenLifetime, concurrencyCap, value, maxRecords, maxJobs, storage);
    }

    public SandboxSettings withMaxRecords(int value) {
        return new SandboxSettings(port, latency, rate429, rate500, tokenLifetime, concurrencyCap, jobStep, value, maxJobs, storage);
    }

    public SandboxSettings withMaxJobs(int value) {
        return new SandboxSettings(port, latency, rate429, rate500, tokenLifetime, concurrencyCap, jobStep, maxRecords, value, storage);
    }

    public SandboxSettings withStorage(Path value) {
        return new SandboxSettings(port, latency, rate429, rate500, tokenLifetime, concurrencyCap, jobStep, maxRecords, maxJobs, value);
    }

    /** The duration syntax of the zoho.sandbox.* keys and of {@link Main}'s options; a plain number is milliseconds. */
    static Duration parseDuration(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.matches("-?\\d+")) {
            return Duration.ofMillis(Long.parseLong(s));
        }
        if (s.startsWith("p")) {
            return Duration.parse(s.toUpperCase(Locale.ROOT));
        }
        if (s.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
        }
        long n = Long.parseLong(s.substring(0, s.length() - 1).trim());
        return switch (s.charAt(s.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> Duration.ofMillis(Long.parseLong(s));
        };
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static int intOr(String s, int fallback) {
        return blank(s) ? fallback : Integer.parseInt(s.trim());
    }

    private static double doubleOr(String s, double fallback) {
        return blank(s) ? fallback : Double.parseDouble(s.trim());
    }

    private static Duration durationOr(String s, Duration fallback) {
        return blank(s) ? fallback : parseDuration(s);
    }
}
