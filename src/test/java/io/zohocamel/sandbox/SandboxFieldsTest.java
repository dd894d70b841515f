package io.zohocamel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GET /crm/v8/settings/fields?module=M, which Zoho's Node SDK asks before massUpdateRecords
 * (utils/util/utility.js getFieldsDetails) and parses into fields/field.js.
 */
class SandboxFieldsTest {

    private static final String LEADS = "/crm/v8/settings/fields?module=Leads";

    @RegisterExtension
    final RunningSandbox running = new RunningSandbox();
    private ZohoSandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void clients() {
        sandbox = running.sandbox();
        http = running.http();
    }

    private static JsonNode field(JsonNode fields, String apiName) {
        return StreamSupport.stream(fields.spliterator(), false)
                .filter(f -> apiName.equals(f.path("api_name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no field " + apiName + " in " + fields));
    }

    @Test
    void answersTheModulesFieldsInZohoShape() {
        SandboxHttp.Reply r = http.get(LEADS, sandbox.mintToken());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode fields = r.json().path("fields");
        assertThat(fields.size()).isGreaterThan(10);
        // the keys the SDK's getFieldsDetails/setDataType read, with the JSON types fields/field.js expects
        assertThat(fields).allSatisfy(f -> {
            assertThat(f.path("api_name").isTextual()).as(f.toString()).isTrue();
            assertThat(f.path("field_label").isTextual()).as(f.toString()).isTrue();
            assertThat(f.path("data_type").isTextual()).as(f.toString()).isTrue();
            assertThat(f.path("json_type").isTextual()).as(f.toString()).isTrue();
            assertThat(f.path("id").asText()).as(f.toString()).matches("\\d{18,19}");
            assertThat(f.path("system_mandatory").isBoolean()).as(f.toString()).isTrue();
            assertThat(f.path("read_only").isBoolean()).as(f.toString()).isTrue();
        });
        JsonNode lastName = field(fields, "Last_Name");
        assertThat(lastName.path("system_mandatory").asBoolean()).isTrue();
        assertThat(lastName.path("field_label").asText()).isEqualTo("Last Name");
        assertThat(lastName.path("data_type").asText()).isEqualTo("text");
        assertThat(lastName.path("json_type").asText()).isEqualTo("string");
        assertThat(field(fields, "Company").path("system_mandatory").asBoolean()).isFalse();
        assertThat(field(fields, "Email").path("data_type").asText()).isEqualTo("email");
        assertThat(field(fields, "Owner").path("data_type").asText()).isEqualTo("ownerlookup");
        assertThat(field(fields, "Owner").path("json_type").asText()).isEqualTo("jsonobject");

        JsonNode deals = http.get("/crm/v8/settings/fields?module=deals", sandbox.mintToken()).json().path("fields");
        JsonNode account = field(deals, "Account_Name");
        assertThat(account.path("data_type").asText()).isEqualTo("lookup");
        assertThat(account.path("lookup").path("module").path("api_name").asText()).isEqualTo("Accounts");
        assertThat(field(deals, "Stage").path("system_mandatory").asBoolean()).isTrue();
        assertThat(field(deals, "Amount").path("json_type").asText()).isEqualTo("double");
    }

    @Test
    void modulesWithoutAStandardListAnswerTheFieldsTheSandboxHasSeen() {
        sandbox.putRecord("Campaigns", Map.of("Campaign_Name", "Spring"));
        sandbox.addField("Campaigns", "Budget_Code");
        JsonNode fields = http.get("/crm/v8/settings/fields?module=Campaigns", sandbox.mintToken()).json().path("fields");
        assertThat(StreamSupport.stream(fields.spliterator(), false).map(f -> f.path("api_name").asText()).toList())
                .contains("Owner", "Campaign_Name", "Budget_Code");
    }

    @Test
    void unknownOrMissingModuleIsAZohoError() {
        String token = sandbox.mintToken();
        SandboxHttp.Reply unknown = http.get("/crm/v8/settings/fields?module=Nope", token);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.code()).isEqualTo("INVALID_MODULE");
        assertThat(unknown.json().path("status").asText()).isEqualTo("error");
        SandboxHttp.Reply missing = http.get("/crm/v8/settings/fields", token);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.code()).isEqualTo("REQUIRED_PARAM_MISSING");
        assertThat(http.send("POST", LEADS, "{}", token).code()).isEqualTo("INVALID_REQUEST_METHOD");
    }

    @Test
    void needsATokenWithASettingsScope() {
        assertThat(http.get(LEADS, null).code()).isEqualTo("AUTHENTICATION_FAILURE");
        assertThat(http.get(LEADS, sandbox.mintToken(Set.of(ZohoSandbox.SCOPE_BULK))).code())
                .isEqualTo("OAUTH_SCOPE_MISMATCH");
        for (String scope : List.of("ZohoCRM.settings.fields.READ", "ZohoCRM.settings.fields.ALL",
                ZohoSandbox.SCOPE_SETTINGS)) {
            assertThat(http.get(LEADS, sandbox.mintToken(Set.of(scope))).status()).as(scope).isEqualTo(200);
        }
        String refreshed = http.refresh("rt").json().path("access_token").asText();
        assertThat(http.get(LEADS, refreshed).status()).isEqualTo(200);
    }
}
