package io.zohocamel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SandboxMassUpdateTest {

    private static final Duration STEP = Duration.ofSeconds(10);
    private static final String CVID = "738964000000091563";
    private ZohoSandbox sandbox;
    private SandboxHttp http;
    private String token;

    @BeforeEach
    void start() {
        sandbox = new ZohoSandbox(SandboxSettings.defaults().withJobStep(STEP)).start();
        http = new SandboxHttp(sandbox);
        token = sandbox.mintToken();
    }

    @AfterEach
    void stop() {
        sandbox.stop();
    }

    private JsonNode status(String module, String jobId) {
        SandboxHttp.Reply r = http.get("/crm/v8/" + module + "/actions/mass_update?job_id=" + jobId, token);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().path("data").get(0);
    }

    @Test
    void byIdsAppliesValidIdsAndReportsTheInvalidOneInOrder() {
        String a = sandbox.putRecord("Leads", Map.of("Last_Name", "A"));
        String b = sandbox.putRecord("Leads", Map.of("Last_Name", "B"));
        SandboxHttp.Reply r = http.post("/crm/v8/Leads/actions/mass_update",
                "{\"data\":[{\"Lead_Status\":\"Contacted\"}],\"ids\":[\"" + a + "\",\"4150868000999999999\",\"" + b + "\"]}",
                token);

        assertThat(r.status()).isEqualTo(200);
        JsonNode data = r.json().path("data");
        assertThat(data).hasSize(3);
        assertThat(data.get(0).path("code").asText()).isEqualTo("SUCCESS");
        assertThat(data.get(0).path("status").asText()).isEqualTo("success");
        assertThat(data.get(0).path("message").asText()).isEqualTo("record updated");
        assertThat(data.get(0).path("details").path("id").asText()).isEqualTo(a);
        assertThat(data.get(0).path("details").has("Modified_Time")).isTrue();
        assertThat(data.get(1).path("code").asText()).isEqualTo("INVALID_DATA");
        assertThat(data.get(1).path("status").asText()).isEqualTo("error");
        assertThat(data.get(1).path("message").asText()).isEqualTo("the id given seems to be invalid");
        assertThat(data.get(1).path("details").path("id").asText()).isEqualTo("4150868000999999999");
        assertThat(data.get(2).path("details").path("id").asText()).isEqualTo(b);
        assertThat(sandbox.records("Leads")).allSatisfy(m -> assertThat(m).containsEntry("Lead_Status", "Contacted"));
    }

    @Test
    void byIdsLimitIs500() {
        String ids = IntStream.range(0, 501).mapToObj(i -> "\"" + (4150868000000000000L + i) + "\"")
                .collect(Collectors.joining(","));
        SandboxHttp.Reply r = http.post("/crm/v8/Leads/actions/mass_update",
                "{\"data\":[{\"Lead_Status\":\"x\"}],\"ids\":[" + ids + "]}", token);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("LIMIT_EXCEEDED");
    }

    @Test
    void cvidJobLifecycleAndAlreadyScheduled() {
        for (int i = 0; i < 4; i++) {
            sandbox.putRecord("Leads", Map.of("Last_Name", "L" + i));
        }
        String body = "{\"data\":[{\"No_of_Employees\":1000}],\"cvid\":\"" + CVID + "\"}";
        SandboxHttp.Reply scheduled = http.post("/crm/v2.1/Leads/actions/mass_update", body, token);
        assertThat(scheduled.status()).isEqualTo(200);
        JsonNode row = scheduled.json().path("data").get(0);
        assertThat(row.path("code").asText()).isEqualTo("SUCCESS");
        assertThat(row.path("message").asText()).isEqualTo("mass update scheduled successfully");
        String jobId = row.path("details").path("job_id").asText();

        assertThat(status("Leads", jobId).path("Status").asText()).isEqualTo("SCHEDULED");
        assertThat(status("Leads", jobId).path("Not_Updated_Count").asInt()).isEqualTo(4);

        SandboxHttp.Reply again = http.post("/crm/v2.1/Leads/actions/mass_update", body, token);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.code()).isEqualTo("ALREADY_SCHEDULED");
        assertThat(again.json().path("details").path("api_name").asText()).isEqualTo("cvid");

        sandbox.advanceTime(STEP.plusSeconds(5));
        JsonNode running = status("Leads", jobId);
        assertThat(running.path("Status").asText()).isEqualTo("RUNNING");
        assertThat(running.path("Updated_Count").asInt()).isEqualTo(2);
        assertThat(running.path("Not_Updated_Count").asInt()).as("not updated yet, as Zoho documents it").isEqualTo(2);
        assertThat(http.post("/crm/v2.1/Leads/actions/mass_update", body, token).code()).isEqualTo("ALREADY_SCHEDULED");
        assertThat(sandbox.records("Leads")).noneSatisfy(m -> assertThat(m).containsKey("No_of_Employees"));

        sandbox.advanceTime(STEP);
        JsonNode completed = status("Leads", jobId);
        assertThat(completed.path("Status").asText()).isEqualTo("COMPLETED");
        assertThat(completed.path("Total_Count").asInt()).isEqualTo(4);
        assertThat(completed.path("Updated_Count").asInt()).isEqualTo(4);
        assertThat(completed.path("Not_Updated_Count").asInt()).isZero();
        assertThat(completed.path("Failed_Count").asInt()).isZero();
        assertThat(sandbox.records("Leads")).allSatisfy(m -> assertThat(m).containsEntry("No_of_Employees", "1000"));

        // done: the same cvid may be scheduled again
        assertThat(http.post("/crm/v2.1/Leads/actions/mass_update", body, token).code()).isNull();
        assertThat(http.post("/crm/v2.1/Leads/actions/mass_update", body, token).code()).isEqualTo("ALREADY_SCHEDULED");
    }

    @Test
    void aShortQueueLetsTheJobRunForOneStepAfterIt() {
        for (int i = 0; i < 10; i++) {
            sandbox.putRecord("Leads", Map.of("Last_Name", "Q" + i));
        }
        sandbox.setJobQueue(Duration.ofSeconds(1));
        sandbox.seedMassUpdateJob("4150868000009990001", "Leads", CVID, Map.of("Lead_Source", "Web"), false);
        sandbox.setJobQueue(null);
        assertThat(sandbox.jobEndsAt("4150868000009990001"))
                .isBetween(sandbox.now().plus(STEP), sandbox.now().plus(STEP).plusSeconds(1));
        assertThat(status("Leads", "4150868000009990001").path("Status").asText()).isEqualTo("SCHEDULED");

        sandbox.advanceTime(Duration.ofSeconds(1).plus(STEP.multipliedBy(35).dividedBy(100)));
        JsonNode running = status("Leads", "4150868000009990001");
        assertThat(running.path("Status").asText()).isEqualTo("RUNNING");
        assertThat(running.path("Updated_Count").asInt()).isEqualTo(3);
        assertThat(running.path("Not_Updated_Count").asInt()).isEqualTo(7);
    }

    @Test
    void unknownOrForgottenJobIs404WithEmptyBody() {
        sandbox.seedMassUpdateJob("4150868000777000001", "Leads", CVID, Map.of("Rating", "Hot"), false);
        assertThat(status("Leads", "4150868000777000001").path("Status").asText()).isEqualTo("SCHEDULED");
        sandbox.forgetJob("4150868000777000001");

        SandboxHttp.Reply r = http.get("/crm/v8/Leads/actions/mass_update?job_id=4150868000777000001", token);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.raw()).isEmpty();
        SandboxHttp.Reply noParam = http.get("/crm/v8/Leads/actions/mass_update", token);
        assertThat(noParam.status()).isEqualTo(400);
        assertThat(noParam.code()).isEqualTo("MANDATORY_NOT_FOUND");
    }

    @Test
    void fieldRules() {
        String leads = "/crm/v8/Leads/actions/mass_update";
        JsonNode two = http.post(leads, "{\"data\":[{\"Rating\":\"Hot\",\"Industry\":\"x\"}],\"cvid\":\"" + CVID + "\"}",
                token).json().path("data").get(0);
        assertThat(two.path("code").asText()).isEqualTo("INVALID_DATA");
        assertThat(two.path("details").path("api_name").asText()).isEqualTo("Industry");

        JsonNode email = http.post(leads, "{\"data\":[{\"Email\":\"a@b.co\"}],\"cvid\":\"" + CVID + "\"}", token)
                .json().path("data").get(0);
        assertThat(email.path("code").asText()).isEqualTo("INVALID_DATA");
        assertThat(email.path("details").path("api_name").asText()).isEqualTo("Email");

        JsonNode lookup = http.post("/crm/v8/Deals/actions/mass_update",
                "{\"data\":[{\"Account_Name\":{\"id\":\"1\"}}],\"cvid\":\"" + CVID + "\"}", token).json().path("data").get(0);
        assertThat(lookup.path("code").asText()).isEqualTo("INVALID_DATA");

        // Deals take up to three fields
        SandboxHttp.Reply deals = http.post("/crm/v8/Deals/actions/mass_update",
                "{\"data\":[{\"Stage\":\"Won\",\"Type\":\"New\",\"Lead_Source\":\"Web\"}],\"cvid\":\"" + CVID + "\"}", token);
        assertThat(deals.json().path("data").get(0).path("code").asText()).isEqualTo("SUCCESS");

        SandboxHttp.Reply module = http.post("/crm/v8/Lead/actions/mass_update",
                "{\"data\":[{\"Rating\":\"Hot\"}],\"cvid\":\"" + CVID + "\"}", token);
        assertThat(module.status()).isEqualTo(400);
        assertThat(module.code()).isEqualTo("INVALID_MODULE");
    }

    @Test
    void failedJobWritesNothing() {
        sandbox.putRecord("Accounts", Map.of("Account_Name", "A"));
        sandbox.setFailMassUpdates(true);
        String jobId = http.post("/crm/v8/Accounts/actions/mass_update",
                "{\"data\":[{\"Industry\":\"Education\"}],\"cvid\":\"554023000000091515\"}", token)
                .json().path("data").get(0).path("details").path("job_id").asText();
        sandbox.advanceTime(STEP.multipliedBy(3));
        JsonNode failed = status("Accounts", jobId);
        assertThat(failed.path("Status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("Failed_Count").asInt()).isEqualTo(1);
        assertThat(sandbox.records("Accounts").get(0)).doesNotContainKey("Industry");
    }
}
