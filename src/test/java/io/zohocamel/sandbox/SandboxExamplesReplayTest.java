package io.zohocamel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every recorded Zoho example against the sandbox over real HTTP and checks the HTTP status and the
 * body (values compared exactly, except ids/times listed in RELAX, whose shape is still checked).
 * A new example file without an entry in SETUPS fails the test on purpose.
 */
class SandboxExamplesReplayTest {

    private static final Duration STEP = Duration.ofSeconds(10);
    private static final String CREATE_JOB_SUCCESS = "bulk-write-create-job--success-response";

    /** Puts the sandbox in the state an example needs; returns the token to send (null = no Authorization). */
    interface Setup {
        String prepare(ZohoSandbox sandbox) throws IOException;
    }

    private static final List<String> LEADS_COLUMNS = List.of("Last_Name", "Mobile", "Owner");

    private static final Map<String, Setup> SETUPS = Map.ofEntries(
            Map.entry("bulk-write-create-job--file-not-supported", ZohoSandbox::mintToken), // file id never uploaded
            Map.entry("bulk-write-create-job--invalid-callback-url", sb -> {
                sb.blockCallbackHost("requestbin.fullcontact.com");
                return sb.mintToken();
            }),
            Map.entry("bulk-write-create-job--invalid-data", ZohoSandbox::mintToken), // no "operation"
            Map.entry("bulk-write-create-job--invalid-field-name", ZohoSandbox::mintToken),
            Map.entry("bulk-write-create-job--mandatory-fields-not-mapped", sb -> {
                sb.setMandatoryFields("Leads", List.of("Last_Name", "Owner")); // that layout also requires Owner
                sb.seedFile("4150868000005362001", "leads.csv", List.of("Last_Name", "Mobile"),
                        List.of(List.of("Boyle", "555")));
                return sb.mintToken();
            }),
            Map.entry("bulk-write-create-job--missing-required-key", ZohoSandbox::mintToken),
            Map.entry(CREATE_JOB_SUCCESS, sb -> {
                sb.seedFile("4150868000005364001", "Fil2.csv", LEADS_COLUMNS, List.of(List.of("Boyle", "555", "x")));
                return sb.mintToken();
            }),
            Map.entry("bulk-write-job-details--authentication-failure", sb -> null),
            Map.entry("bulk-write-job-details--invalid-request-method", ZohoSandbox::mintToken),
            Map.entry("bulk-write-job-details--invalid-url-pattern", ZohoSandbox::mintToken),
            Map.entry("bulk-write-job-details--oauth-scope-mismatch",
                    sb -> sb.mintToken(Set.of(ZohoSandbox.SCOPE_MASS_UPDATE))),
            Map.entry("bulk-write-job-details--resource-not-found", ZohoSandbox::mintToken),
            Map.entry("bulk-write-job-details--success-response", sb -> {
                // 11 rows, 2 without Last_Name: the recorded 9 added / 2 skipped
                List<List<String>> rows = new ArrayList<>();
                for (int i = 0; i < 11; i++) {
                    rows.add(List.of(i < 9 ? "Lead" + i : "", "555" + i, "owner"));
                }
                sb.seedFile("4150868000005364001", "Fil2.csv", LEADS_COLUMNS, rows);
                sb.setJobStep(Duration.ZERO);
                sb.seedBulkJob("4150868000005350003", example(CREATE_JOB_SUCCESS).path("request").path("body").toString());
                return sb.mintToken();
            }),
            Map.entry("mass-update-by-cvid--already-scheduled", sb -> {
                sb.seedMassUpdateJob("738964000002130377", "Leads", "738964000000091563",
                        Map.of("No_of_Employees", "10"), false);
                return sb.mintToken();
            }),
            Map.entry("mass-update-by-cvid--authentication-failure", sb -> null),
            Map.entry("mass-update-by-cvid--invalid-data-cvid", ZohoSandbox::mintToken),
            Map.entry("mass-update-by-cvid--invalid-data-field", ZohoSandbox::mintToken),
            Map.entry("mass-update-by-cvid--invalid-data-no-field", ZohoSandbox::mintToken),
            Map.entry("mass-update-by-cvid--invalid-request-method", ZohoSandbox::mintToken),
            Map.entry("mass-update-by-cvid--mandatory-not-found", ZohoSandbox::mintToken),
            Map.entry("mass-update-by-cvid--oauth-scope-mismatch", sb -> sb.mintToken(Set.of(ZohoSandbox.SCOPE_BULK))),
            Map.entry("mass-update-by-cvid--scheduled-with-territory", ZohoSandbox::mintToken),
            Map.entry("mass-update-by-cvid--success-response", ZohoSandbox::mintToken),
            Map.entry("mass-update-by-ids--mixed", sb -> {
                sb.putRecord("Deals", "554023000000497007", Map.of("Deal_Name", "Big deal", "Stage", "Qualification",
                        "Languages_Known", "English"));
                return sb.mintToken();
            }),
            Map.entry("mass-update-status--completed", sb -> statusJob(sb, false, STEP.multipliedBy(2).plusSeconds(5))),
            Map.entry("mass-update-status--failed", sb -> statusJob(sb, true, STEP.multipliedBy(2).plusSeconds(5))),
            Map.entry("mass-update-status--running", sb -> statusJob(sb, false, STEP.multipliedBy(16).dividedBy(10))),
            Map.entry("mass-update-status--scheduled", sb -> statusJob(sb, false, Duration.ZERO)));

    /** JSON pointers whose values legitimately differ (fresh ids, times, URLs): only their shape is compared. */
    private static final Map<String, Set<String>> RELAX = Map.of(
            CREATE_JOB_SUCCESS, Set.of("/details/id"),
            "bulk-write-job-details--success-response",
            Set.of("/created_time", "/result/download_url", "/resource/0/field_mappings"),
            "mass-update-by-cvid--scheduled-with-territory", Set.of("/data/0/details/job_id"),
            "mass-update-by-cvid--success-response", Set.of("/data/0/details/job_id"),
            "mass-update-by-ids--mixed", Set.of("/data/0/details"));

    private static String statusJob(ZohoSandbox sb, boolean fail, Duration elapsed) {
        for (int i = 0; i < 50; i++) {
            sb.putRecord("Accounts", Map.of("Account_Name", "Account " + i));
        }
        sb.seedMassUpdateJob("554023000000506003", "Accounts", "554023000000091515", Map.of("Industry", "Education"),
                fail);
        if (!elapsed.isZero()) {
            sb.advanceTime(elapsed);
        }
        return sb.mintToken();
    }

    static Stream<String> examples() throws IOException, URISyntaxException {
        Path dir = Path.of(SandboxExamplesReplayTest.class.getResource("/zoho-api/examples").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList().stream();
        }
    }

    static JsonNode example(String name) throws IOException {
        return SandboxHttp.JSON.readTree(SandboxExamplesReplayTest.class.getResource(
                "/zoho-api/examples/" + name + ".json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void replaysExample(String name) throws IOException {
        Setup setup = SETUPS.get(name);
        if (setup == null) {
            fail("example %s has no replay setup in SandboxExamplesReplayTest.SETUPS", name);
        }
        JsonNode example = example(name);
        JsonNode request = example.path("request");
        JsonNode expected = example.path("response");
        SandboxSettings settings = SandboxSettings.defaults().withJobStep(STEP);
        try (ZohoSandbox sandbox = new ZohoSandbox(settings).start()) {
            sandbox.setCallbacksEnabled(false); // example callback URLs point at the internet
            String token = setup.prepare(sandbox);
            String path = request.path("path").asText()
                    + (request.hasNonNull("query") ? "?" + request.path("query").asText() : "");
            String body = request.hasNonNull("body") ? request.get("body").toString() : null;
            SandboxHttp.Reply reply = new SandboxHttp(sandbox).send(request.path("method").asText(), path, body, token);

            assertThat(reply.status()).as("HTTP status of %s (body %s)", name, reply.text())
                    .isEqualTo(expected.path("status").asInt());
            JsonNode expectedBody = expected.get("body");
            if (expectedBody == null || expectedBody.isNull() || expectedBody.isEmpty()) {
                assertThat(reply.raw()).as("empty body").isEmpty();
                return;
            }
            JsonNode actual = reply.json();
            assertThat(actual.path("code").asText(null)).as("code").isEqualTo(expectedBody.path("code").asText(null));
            assertThat(actual.path("status").asText(null)).as("status")
                    .isEqualTo(expectedBody.path("status").asText(null));
            List<String> problems = new ArrayList<>();
            compare(expectedBody, actual, "", RELAX.getOrDefault(name, Set.of()), problems);
            assertThat(problems).as("body differences of %s; actual body %s", name, actual).isEmpty();
        }
    }

    @Test
    void everySetupBelongsToAnExample() throws Exception {
        assertThat(examples().toList()).containsAll(new TreeSet<>(SETUPS.keySet()));
    }

    /** Deep comparison; at relaxed pointers only node type (and, for objects, key set; arrays: size) must match. */
    private static void compare(JsonNode expected, JsonNode actual, String pointer, Set<String> relaxed,
                                List<String> problems) {
        if (actual == null || actual.isMissingNode()) {
            problems.add(pointer + " missing");
            return;
        }
        if (expected.getNodeType() != actual.getNodeType()) {
            problems.add(pointer + " is " + actual.getNodeType() + ", expected " + expected.getNodeType());
            return;
        }
        boolean relax = relaxed.contains(pointer);
        if (expected.isObject()) {
            Set<String> e = new TreeSet<>();
            expected.fieldNames().forEachRemaining(e::add);
            Set<String> a = new TreeSet<>();
            actual.fieldNames().forEachRemaining(a::add);
            if (!e.equals(a)) {
                problems.add(pointer + " keys " + a + ", expected " + e);
                return;
            }
            if (!relax) {
                for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
                    String k = it.next();
                    compare(expected.get(k), actual.get(k), pointer + "/" + k, relaxed, problems);
                }
            }
        } else if (expected.isArray()) {
            if (expected.size() != actual.size()) {
                problems.add(pointer + " has " + actual.size() + " elements, expected " + expected.size());
            } else if (relax) {
                // order may differ (Zoho echoes field_mappings in its own order): compare as multisets
                List<String> e = new ArrayList<>();
                expected.forEach(n -> e.add(n.toString()));
                List<String> a = new ArrayList<>();
                actual.forEach(n -> a.add(n.toString()));
                if (!e.stream().sorted().toList().equals(a.stream().sorted().toList())) {
                    problems.add(pointer + " elements " + a + ", expected " + e);
                }
            } else {
                for (int i = 0; i < expected.size(); i++) {
                    compare(expected.get(i), actual.get(i), pointer + "/" + i, relaxed, problems);
                }
            }
        } else if (!relax) {
            boolean same = expected.isNumber()
                    ? expected.decimalValue().compareTo(actual.decimalValue()) == 0
                    : expected.equals(actual);
            if (!same) {
                problems.add(pointer + " = " + actual + ", expected " + expected);
            }
        }
    }
}
