package io.zohocamel.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate every call passes, in this order: concurrency cap (429), latency, outage (500), credits used up
 * (429), random 429 / 500, path pattern (404 INVALID_URL_PATTERN), token and scope (401), method (400),
 * an injected refusal (400), handler, and a lost answer (500 after the handler did its work). The accounts
 * server's routes skip the cap, the random faults and the token. Every call is counted and logged, faulted
 * ones too, before its answer is written.
 */
final class SandboxGate {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxGate.class);

    private final List<SandboxRoute> routes;
    private final SandboxFaults faults;
    private final SandboxTokens tokens;
    private final SandboxJobTimers jobTimers;
    private final SandboxClock clock;

    SandboxGate(List<SandboxRoute> routes, SandboxFaults faults, SandboxTokens tokens, SandboxJobTimers jobTimers,
                SandboxClock clock) {
        this.routes = List.copyOf(routes);
        this.faults = faults;
        this.tokens = tokens;
        this.jobTimers = jobTimers;
        this.clock = clock;
    }

    SandboxResponse answer(SandboxRequest request) {
        SandboxRoute route = null;
        Matcher path = null;
        for (SandboxRoute r : routes) {
            path = r.match(request.path());
            if (path != null) {
                route = r;
                break;
            }
        }
        String pattern = route == null ? ZohoSandbox.UNMATCHED : route.pattern();
        faults.countCall(request.method(), pattern);
        boolean api = route == null || route.needsToken();
        int inFlight = api ? faults.enter() : 0;
        long entered = System.nanoTime();
        SandboxResponse response;
        try {
            response = pass(request, route, path, api, inFlight);
            if (api && response.status() < 300 && faults.loseAnswer(request.method(), pattern)) {
                response = SandboxErrors.internalError(); // done, but the client never hears so
            }
        } catch (RuntimeException e) {
            LOG.warn("sandbox handler failed for {} {}", request.method(), request.path(), e);
            response = SandboxErrors.internalError();
        } finally {
            if (api) {
                faults.exit(System.nanoTime() - entered); // before writing: a client that got its answer is no longer in flight
            }
        }
        if (api) {
            response = faults.withCreditsHeader(response);
        }
        if (response.status() == 429) {
            faults.counted429();
        }
        faults.log(new SandboxLoggedRequest(clock.now(), request.method(), request.path(), request.query(), pattern,
                request.isJson() ? new String(request.body(), StandardCharsets.UTF_8) : null, response.status()));
        return response;
    }

    private SandboxResponse pass(SandboxRequest request, SandboxRoute route, Matcher path, boolean api, int inFlight) {
        if (api && inFlight > faults.concurrencyCap) {
            return SandboxErrors.tooManyRequests();
        }
        sleep(faults.latency);
        if (faults.outage) {
            return SandboxErrors.internalError();
        }
        if (!api) {
            return route.answer(request, path);
        }
        SandboxResponse noCredits = faults.creditsExhausted();
        if (noCredits != null) {
            return noCredits;
        }
        if (faults.rate429 > 0 && faults.draw() < faults.rate429) {
            return SandboxErrors.tooManyRequests();
        }
        if (faults.rate500 > 0 && faults.draw() < faults.rate500) {
            return SandboxErrors.internalError();
        }
        jobTimers.applyDueJobs();
        SandboxTokens.Check check = tokens.check(request.header("Authorization"),
                route == null ? Set.of() : route.scopes(request.method(), path));
        if (!check.ok()) {
            return check.error();
        }
        if (route == null) {
            return SandboxErrors.invalidUrlPattern();
        }
        SandboxResponse refused = faults.refusal(request.method(), route.pattern());
        return refused != null ? refused : route.answer(request, path);
    }

    private static void sleep(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
