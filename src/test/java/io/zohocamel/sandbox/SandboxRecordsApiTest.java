package io.zohocamel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Zoho's Records API on the sandbox: statuses, per-record shapes and order, limits, scopes (notes on issue 20). */
class SandboxRecordsApiTest {

    @RegisterExtension
    final RunningSandbox running = new RunningSandbox();

    private ZohoSandbox sandbox;
    private SandboxHttp http;
    private String token;

    @BeforeEach
    void token() {
        sandbox = running.sandbox();
        http = running.http();
        token = sandbox.mintToken();
    }

    private static String body(String... records) {
        return "{\"data\":[" + String.join(",", records) + "],\"trigger\":[]}";
    }

    private static List<String> codes(SandboxHttp.Reply reply) {
        return IntStream.range(0, reply.json().path("data").size())
                .mapToObj(i -> reply.json().path("data").get(i).path("code").asText()).toList();
    }

    @Test
    void insertOfValidRecordsIs201WithEachRecordsIdInOrder() {
        SandboxHttp.Reply r = http.post("/crm/v8/Leads", body(
                "{\"Last_Name\":\"Daly\",\"Email\":\"p.daly@zylker.com\",\"Company\":\"Zylker\"}",
                "{\"Last_Name\":\"Boyle\",\"Owner\":{\"id\":\"4150868000000225013\"}}"), token);

        assertThat(r.status()).as(r.text()).isEqualTo(201);
        JsonNode first = r.json().path("data").get(0);
        assertThat(first.path("code").asText()).isEqualTo("SUCCESS");
        assertThat(first.path("message").asText()).isEqualTo("record added");
        assertThat(first.path("status").asText()).isEqualTo("success");
        assertThat(first.has("action")).as("only upsert says insert or update").isFalse();
        JsonNode details = first.path("details");
        assertThat(details.path("Created_Time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d");
        assertThat(details.path("Modified_Time").asText()).isEqualTo(details.path("Created_Time").asText());
        assertThat(details.path("Created_By").path("id").asText()).isNotEmpty();
        assertThat(details.path("Modified_By").path("name").asText()).isNotEmpty();
        List<Map<String, String>> leads = sandbox.records("Leads");
        assertThat(leads).extracting(m -> m.get("id"))
                .containsExactly(details.path("id").asText(), r.json().path("data").get(1).path("details").path("id").asText());
        assertThat(leads.get(0)).containsEntry("Email", "p.daly@zylker.com").containsEntry("Company", "Zylker");
        assertThat(leads.get(1)).containsEntry("Owner", "4150868000000225013");
        assertThat(sandbox.calls("POST", ZohoSandbox.RECORDS)).isEqualTo(1);
    }

    @Test
    void insertWithSomeBadRecordsIs207AndNamesEachRecordsField() {
        String existing = sandbox.putRecord("Leads", Map.of("Last_Name", "Old", "Email", "taken@zylker.com"));
        SandboxHttp.Reply r = http.post("/crm/v8/Leads", body(
                "{\"Last_Name\":\"Good\"}",
                "{\"Company\":\"No name\"}",
                "{\"Last_Name\":\"Dup\",\"Email\":\"TAKEN@zylker.com\"}",
                "{\"Last_Name\":\"Bad mail\",\"Email\":\"not-an-email\"}"), token);

        assertThat(r.status()).as(r.text()).isEqualTo(207);
        assertThat(codes(r)).containsExactly("SUCCESS", "MANDATORY_NOT_FOUND", "DUPLICATE_DATA", "INVALID_DATA");
        JsonNode data = r.json().path("data");
        assertThat(data.get(1).path("status").asText()).isEqualTo("error");
        assertThat(data.get(1).path("message").asText()).isEqualTo("required field not found");
        assertThat(data.get(1).path("details").path("api_name").asText()).isEqualTo("Last_Name");
        assertThat(data.get(1).path("details").path("json_path").asText()).isEqualTo("$.data[1].Last_Name");
        assertThat(data.get(2).path("message").asText()).isEqualTo("duplicate data");
        assertThat(data.get(2).path("details").path("api_name").asText()).isEqualTo("Email");
        assertThat(data.get(2).path("details").path("json_path").asText()).isEqualTo("$.data[2].Email");
        assertThat(data.get(2).path("details").path("duplicate_record").path("id").asText()).isEqualTo(existing);
        assertThat(data.get(3).path("details").path("api_name").asText()).isEqualTo("Email");
        assertThat(data.get(3).path("details").path("expected_data_type").asText()).isEqualTo("email");
        assertThat(sandbox.records("Leads")).extracting(m -> m.get("Last_Name")).containsExactly("Old", "Good");
    }

    @Test
    void recordsOfOneCallSeeEachOther() {
        SandboxHttp.Reply r = http.post("/crm/v8/Contacts", body(
                "{\"Last_Name\":\"A\",\"Email\":\"same@zylker.com\"}",
                "{\"Last_Name\":\"B\",\"Email\":\"same@zylker.com\"}"), token);

        assertThat(r.status()).isEqualTo(207);
        assertThat(codes(r)).containsExactly("SUCCESS", "DUPLICATE_DATA");
    }

    @Test
    void whenEveryRecordFailsItIs400WithTheirErrorsInData() {
        SandboxHttp.Reply r = http.post("/crm/v8/Deals", body("{\"Deal_Name\":\"No stage\"}", "{\"Stage\":\"No name\"}"), token);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().has("code")).as("no top-level error: the records failed, not the call").isFalse();
        assertThat(codes(r)).containsExactly("MANDATORY_NOT_FOUND", "MANDATORY_NOT_FOUND");
        assertThat(r.json().path("data").get(0).path("details").path("api_name").asText()).isEqualTo("Stage");
        assertThat(r.json().path("data").get(1).path("details").path("api_name").asText()).isEqualTo("Deal_Name");
        assertThat(sandbox.records("Deals")).isEmpty();
    }

    @Test
    void aHundredRecordsGoInAHundredAndOneAreRefusedWhole() {
        String hundred = IntStream.range(0, 100).mapToObj(i -> "{\"Last_Name\":\"L" + i + "\"}").collect(Collectors.joining(","));
        assertThat(http.post("/crm/v8/Leads", body(hundred), token).status()).isEqualTo(201);

        SandboxHttp.Reply r = http.post("/crm/v8/Leads", body(hundred, "{\"Last_Name\":\"One too many\"}"), token);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("LIMIT_EXCEEDED");
        assertThat(r.json().path("details").path("maximum_length").asInt()).isEqualTo(100);
        assertThat(r.json().has("data")).isFalse();
        assertThat(sandbox.records("Leads")).hasSize(100);
    }

    @Test
    void noDataUnknownTriggerAndUnknownModuleAreRefusedAtTopLevel() {
        SandboxHttp.Reply noData = http.post("/crm/v8/Leads", "{\"data\":[],\"trigger\":[]}", token);
        assertThat(noData.status()).isEqualTo(400);
        assertThat(noData.code()).isEqualTo("MANDATORY_NOT_FOUND");
        assertThat(noData.json().path("details").path("api_name").asText()).isEqualTo("data");

        SandboxHttp.Reply trigger = http.post("/crm/v8/Leads", "{\"data\":[{\"Last_Name\":\"X\"}],\"trigger\":[\"everything\"]}", token);
        assertThat(trigger.status()).isEqualTo(400);
        assertThat(trigger.code()).isEqualTo("INVALID_DATA");
        assertThat(trigger.json().path("details").path("api_name").asText()).isEqualTo("trigger");

        SandboxHttp.Reply module = http.post("/crm/v8/Nonsense", body("{\"Last_Name\":\"X\"}"), token);
        assertThat(module.status()).isEqualTo(400);
        assertThat(module.code()).isEqualTo("INVALID_MODULE");
        assertThat(sandbox.records("Leads")).isEmpty();
    }

    @Test
    void updateIs200WhenEveryIdIsKnownAnd207WithMissingAndUnknownIds() {
        String a = sandbox.putRecord("Leads", Map.of("Last_Name", "A", "Company", "Old"));
        String b = sandbox.putRecord("Leads", Map.of("Last_Name", "B", "Company", "Old"));
        SandboxHttp.Reply ok = http.send("PUT", "/crm/v8/Leads", body(
                "{\"id\":\"" + a + "\",\"Company\":\"New\"}", "{\"id\":" + b + ",\"Company\":\"New\"}"), token);
        assertThat(ok.status()).as(ok.text()).isEqualTo(200);
        assertThat(ok.json().path("data").get(0).path("message").asText()).isEqualTo("record updated");
        assertThat(ok.json().path("data").get(1).path("details").path("id").asText()).isEqualTo(b);

        SandboxHttp.Reply mixed = http.send("PUT", "/crm/v8/Leads", body(
                "{\"id\":\"" + a + "\",\"Last_Name\":\"A2\"}", "{\"Company\":\"No id\"}",
                "{\"id\":\"4150868000999999999\",\"Company\":\"Unknown\"}", "{\"id\":\"" + b + "\",\"Last_Name\":\"\"}"), token);
        assertThat(mixed.status()).isEqualTo(207);
        assertThat(codes(mixed)).containsExactly("SUCCESS", "MANDATORY_NOT_FOUND", "INVALID_DATA", "MANDATORY_NOT_FOUND");
        JsonNode data = mixed.json().path("data");
        assertThat(data.get(1).path("details").path("api_name").asText()).isEqualTo("id");
        assertThat(data.get(2).path("message").asText()).isEqualTo("the id given seems to be invalid");
        assertThat(data.get(2).path("details").path("id").asText()).isEqualTo("4150868000999999999");
        assertThat(data.get(3).path("details").path("json_path").asText()).isEqualTo("$.data[3].Last_Name");
        assertThat(sandbox.records("Leads")).extracting(m -> m.get("Last_Name") + "/" + m.get("Company"))
                .containsExactly("A2/New", "B/New");
        assertThat(sandbox.calls("PUT", ZohoSandbox.RECORDS)).isEqualTo(2);
    }

    @Test
    void upsertMatchesOnTheModulesDuplicateCheckFieldByDefault() {
        String known = sandbox.putRecord("Leads", Map.of("Last_Name", "Known", "Email", "known@zylker.com"));
        SandboxHttp.Reply r = http.post("/crm/v8/Leads/upsert", body(
                "{\"Last_Name\":\"Known again\",\"Email\":\"known@zylker.com\"}",
                "{\"Last_Name\":\"New\",\"Email\":\"new@zylker.com\"}"), token);

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode data = r.json().path("data");
        assertThat(data.get(0).path("action").asText()).isEqualTo("update");
        assertThat(data.get(0).path("duplicate_field").asText()).isEqualTo("Email");
        assertThat(data.get(0).path("message").asText()).isEqualTo("record updated");
        assertThat(data.get(0).path("details").path("id").asText()).isEqualTo(known);
        assertThat(data.get(1).path("action").asText()).isEqualTo("insert");
        assertThat(data.get(1).path("duplicate_field").isNull()).isTrue();
        assertThat(data.get(1).path("message").asText()).isEqualTo("record added");
        assertThat(sandbox.records("Leads")).extracting(m -> m.get("Last_Name")).containsExactly("Known again", "New");
        assertThat(sandbox.calls("POST", ZohoSandbox.RECORDS_UPSERT)).isEqualTo(1);
        assertThat(sandbox.calls("POST", ZohoSandbox.RECORDS)).isZero();
    }

    @Test
    void upsertMatchesOnTheNamedFieldsAndDealsOnTheirName() {
        String deal = sandbox.putRecord("Deals", Map.of("Deal_Name", "Big one", "Stage", "Qualification"));
        SandboxHttp.Reply deals = http.post("/crm/v8/Deals/upsert", body("{\"Deal_Name\":\"Big one\",\"Stage\":\"Closed Won\"}"), token);
        assertThat(deals.json().path("data").get(0).path("details").path("id").asText()).isEqualTo(deal);
        assertThat(sandbox.records("Deals")).singleElement().satisfies(m -> assertThat(m).containsEntry("Stage", "Closed Won"));

        String lead = sandbox.putRecord("Leads", Map.of("Last_Name", "Fox", "Phone", "555"));
        SandboxHttp.Reply byPhone = http.post("/crm/v8/Leads/upsert", "{\"data\":[{\"Last_Name\":\"Fox\",\"Phone\":\"555\","
                + "\"Company\":\"Acme\"}],\"trigger\":[],\"duplicate_check_fields\":[\"Phone\"]}", token);
        assertThat(byPhone.status()).isEqualTo(200);
        assertThat(byPhone.json().path("data").get(0).path("duplicate_field").asText()).isEqualTo("Phone");
        assertThat(byPhone.json().path("data").get(0).path("details").path("id").asText()).isEqualTo(lead);

        SandboxHttp.Reply unknownField = http.post("/crm/v8/Leads/upsert",
                "{\"data\":[{\"Last_Name\":\"X\"}],\"duplicate_check_fields\":[\"No_Such_Field\"]}", token);
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.code()).isEqualTo("INVALID_DATA");
    }

    @Test
    void recordsInsertedThroughTheApiKeepTheSandboxsRecordBound() {
        try (ZohoSandbox small = new ZohoSandbox(SandboxSettings.defaults().withMaxRecords(150)).start()) {
            SandboxHttp smallHttp = new SandboxHttp(small);
            String smallToken = small.mintToken();
            for (int call = 0; call < 3; call++) {
                int first = call * 100;
                String hundred = IntStream.range(first, first + 100).mapToObj(i -> "{\"Last_Name\":\"L" + i + "\"}")
                        .collect(Collectors.joining(","));
                assertThat(smallHttp.post("/crm/v8/Leads", body(hundred), smallToken).status()).isEqualTo(201);
            }
            assertThat(small.retainedRecords("Leads")).isEqualTo(150);
            assertThat(small.records("Leads").get(0)).containsEntry("Last_Name", "L150");
        }
    }

    @Test
    void moduleScopesDecideWhichCallsATokenMayMake() {
        String create = sandbox.mintToken(Set.of("ZohoCRM.modules.leads.CREATE"));
        assertThat(http.post("/crm/v8/Leads", body("{\"Last_Name\":\"A\"}"), create).status()).isEqualTo(201);
        assertThat(http.post("/crm/v8/Leads/upsert", body("{\"Last_Name\":\"B\"}"), create).status()).isEqualTo(200);
        SandboxHttp.Reply update = http.send("PUT", "/crm/v8/Leads", body("{\"id\":\"1\"}"), create);
        assertThat(update.status()).isEqualTo(401);
        assertThat(update.code()).isEqualTo("OAUTH_SCOPE_MISMATCH");
        assertThat(http.post("/crm/v8/Contacts", body("{\"Last_Name\":\"C\"}"), create).code()).isEqualTo("OAUTH_SCOPE_MISMATCH");

        String write = sandbox.mintToken(Set.of("ZohoCRM.modules.leads.WRITE"));
        assertThat(http.send("PUT", "/crm/v8/Leads", body("{\"id\":\"1\"}"), write).status()).isEqualTo(400);
        String bulkOnly = sandbox.mintToken(Set.of(ZohoSandbox.SCOPE_BULK));
        assertThat(http.post("/crm/v8/Leads", body("{\"Last_Name\":\"D\"}"), bulkOnly).code()).isEqualTo("OAUTH_SCOPE_MISMATCH");
        assertThat(sandbox.records("Leads")).hasSize(2);
    }
}
