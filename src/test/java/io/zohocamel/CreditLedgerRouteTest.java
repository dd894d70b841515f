package io.zohocamel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zohocamel.jobs.CreditLedger;
import io.zohocamel.sandbox.SandboxLoggedRequest;
import io.zohocamel.sandbox.ZohoSandbox;
import org.apache.camel.BeanInject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API credits through the real routes against the sandbox: a dropped file and a mass update are booked in
 * the job store's ledger at their price (a bulk-write job 500) and show on /observe/metrics with Zoho's
 * credits header and the budget left; when Zoho says the credits are used up, no call reaches it until the
 * pause ends, and then the file goes through by itself.
 */
class CreditLedgerRouteTest extends MassUpdateRouteTestSupport {

    private static final long BUDGET = 100_000;
    private static final Duration MAX_PAUSE = Duration.ofSeconds(3);

    @BeanInject
    CreditLedger ledger;

    @Override
    protected Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>(super.settings());
        settings.putAll(QUICK_BULK);
        settings.put("bulk.redelivery-delay", "300");
        settings.put("zoho.daily-credit-budget", String.valueOf(BUDGET));
        settings.put("zoho.credits-exhausted-max-pause", MAX_PAUSE.toMillis() + "ms");
        return settings;
    }

    @Test
    void aDroppedFileAndAMassUpdateAreBookedAtTheirPriceAndShownAsMetrics() throws Exception {
        Map<String, Long> before = ledger.spentLast24HoursByApi();
        dropRows("Leads/insert/three.csv", List.of(List.of("Daly", "p.daly@example.com"), List.of("Ito", "k.ito@example.com"),
                List.of("Moreau", "a.moreau@example.com")));
        Path result = dataDir.resolve("reports/Leads/insert/three.result.csv");
        await("three.result.csv", Duration.ofSeconds(30), () -> Files.exists(result));

        Map<String, Long> file = since(before, ledger.spentLast24HoursByApi());
        assertThat(file).containsEntry("upload", 1L).containsEntry("bulk_write_job", 500L).containsEntry("download", 1L);
        assertThat(file.get("job_details")).as("one credit a poll").isEqualTo(polls("three.csv"));

        sandbox.setCreditsRemaining(24_321L); // Zoho sends the header once half the day's credits are used
        try {
            Map<String, Long> beforeUpdate = ledger.spentLast24HoursByApi();
            send(request("Leads", "credits-ids-1", "Lead_Source", "Web", seed("Leads", 2, "Lead_Source", "Cold Call")));
            assertThat(result("credits-ids-1").path("status").asText()).isEqualTo("COMPLETED");
            assertThat(since(beforeUpdate, ledger.spentLast24HoursByApi())).containsExactly(Map.entry("mass_update", 1L));
            assertThat(ledger.zohoRemaining()).hasValueSatisfying(r -> assertThat(r.credits()).isEqualTo(24_321L));
        } finally {
            sandbox.setCreditsRemaining(null);
        }

        long spent = ledger.spentLast24Hours();
        assertThat(spent).isGreaterThanOrEqualTo(503);
        await("metrics show the budget left", Duration.ofSeconds(15),
                () -> metric("zoho_credits_budget_remaining", "") == BUDGET - ledger.spentLast24Hours());
        String metrics = get(managementPort, "/observe/metrics").body();
        assertThat(metrics).containsPattern("# HELP zoho_credits_used_total \\S")
                .containsPattern("# HELP zoho_credits_remaining \\S")
                .containsPattern("# HELP zoho_credits_budget_remaining \\S");
        assertThat(metric("zoho_credits_used_total", "api=\"bulk_write_job\"")).isGreaterThanOrEqualTo(500);
        assertThat(metric("zoho_credits_used_total", "api=\"mass_update\"")).isGreaterThanOrEqualTo(1);
        assertThat(metric("zoho_credits_remaining", "")).isEqualTo(24_321);
    }

    @Test
    void whenZohoSaysTheCreditsAreUsedUpNoCallReachesItUntilThePauseEnds() throws Exception {
        sandbox.setCreditsRemaining(0L);
        Instant refusedAt;
        int logged = sandbox.requestLog().size();
        try {
            dropRows("Contacts/insert/paused.csv", List.of(List.of("Nakamura", "y.nakamura@example.com")));
            await("Zoho refuses the upload", Duration.ofSeconds(20), () -> apiCalls(logged).stream().anyMatch(r -> r.status() == 429));
            refusedAt = apiCalls(logged).get(0).at();
            // the bulk flow redelivers every 300 ms, growing: without the pause each try would reach Zoho
            Thread.sleep(MAX_PAUSE.toMillis() / 2);
            assertThat(apiCalls(logged)).as("one refused call, then nothing while paused").hasSize(1)
                    .allSatisfy(r -> assertThat(r.status()).isEqualTo(429));
        } finally {
            sandbox.setCreditsRemaining(null);
        }
        Path result = dataDir.resolve("reports/Contacts/insert/paused.result.csv");
        await("paused.result.csv", Duration.ofSeconds(60), () -> Files.exists(result));
        List<SandboxLoggedRequest> calls = apiCalls(logged);
        assertThat(calls.get(1).at()).as("the next call after the pause").isAfterOrEqualTo(refusedAt.plus(MAX_PAUSE)
                .minusMillis(100));
        assertThat(calls.subList(1, calls.size())).allSatisfy(r -> assertThat(r.status()).isLessThan(300));
    }

    /** The API calls the sandbox logged since {@code from} (token requests aside). */
    private List<SandboxLoggedRequest> apiCalls(int from) {
        List<SandboxLoggedRequest> log = sandbox.requestLog();
        return log.subList(from, log.size()).stream().filter(r -> !ZohoSandbox.TOKEN.equals(r.pattern())).toList();
    }

    private long polls(String fileName) {
        return jobStore.recentBulkFiles(20).stream().filter(f -> f.fileName().equals(fileName)).findFirst()
                .map(f -> jobStore.jobsOfFile(f.id()).stream().mapToLong(j -> j.polls()).sum()).orElseThrow();
    }

    private static Map<String, Long> since(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> out = new HashMap<>();
        after.forEach((api, credits) -> {
            long added = credits - before.getOrDefault(api, 0L);
            if (added != 0) {
                out.put(api, added);
            }
        });
        return out;
    }

    /** The value of a sample on /observe/metrics whose labels contain {@code label}; NaN when absent. */
    private double metric(String name, String label) {
        try {
            String body = get(managementPort, "/observe/metrics").body();
            Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? (\\S+)$").matcher(body);
            while (m.find()) {
                if (label.isEmpty() || (m.group(1) != null && m.group(1).contains(label))) {
                    return Double.parseDouble(m.group(2));
                }
            }
            return Double.NaN;
        } catch (IOException | InterruptedException e) {
            return Double.NaN;
        }
    }

    private void dropRows(String relative, List<List<String>> rows) throws IOException {
        StringBuilder csv = new StringBuilder("Last_Name,Email\n");
        rows.forEach(r -> csv.append(String.join(",", r)).append('\n'));
        drop(relative, csv);
    }
}
