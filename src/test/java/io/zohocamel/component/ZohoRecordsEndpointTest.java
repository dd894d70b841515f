package io.zohocamel.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.zohocamel.sandbox.SandboxLoggedRequest;
import io.zohocamel.sandbox.SandboxSettings;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.zoho.InMemoryTokenStore;
import io.zohocamel.zoho.OAuthTokenManager;
import io.zohocamel.zoho.Outcome;
import io.zohocamel.zoho.Sleeper;
import io.zohocamel.zoho.ZohoCallLimiter;
import io.zohocamel.zoho.ZohoClient;
import io.zohocamel.zoho.ZohoHttp;
import io.zohocamel.zoho.ZohoRejectedException;
import io.zohocamel.zoho.ZohoResponse;
import io.zohocamel.zoho.ZohoSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The zoho:insertRecords / updateRecords / upsertRecords endpoints in a Camel route, over the real client, against
 * the sandbox: per-record answers in input order, "trigger":[] always sent, per-record failures are answers and not
 * failed calls, and Zoho's sub-concurrency of 10 for calls of more than 10 records.
 */
class ZohoRecordsEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ZohoSandbox sandbox;
    private ZohoClient client;
    private CamelContext camel;
    private ProducerTemplate producer;

    private void start(SandboxSettings sandboxSettings, int maxConcurrentCalls) throws Exception {
        sandbox = new ZohoSandbox(sandboxSettings).start();
        ZohoSettings settings = ZohoSettings.builder().accountsUrl(sandbox.accountsUrl()).apiDomain(sandbox.apiDomain())
                .uploadUrl(sandbox.uploadUrl("v8")).apiVersion("v8").clientId("cid").clientSecret("secret")
                .refreshToken("refresh").maxConcurrentCalls(maxConcurrentCalls).connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(30)).maxRetries(2).retryInitialDelay(Duration.ofMillis(50))
                .retryMaxDelay(Duration.ofMillis(200)).tokenRefreshMargin(Duration.ofMinutes(5)).build();
        ZohoHttp http = new ZohoHttp(settings);
        OAuthTokenManager tokens = new OAuthTokenManager(settings, http, Clock.systemUTC(), new InMemoryTokenStore(), null);
        client = new ZohoClient(settings, tokens, new ZohoCallLimiter(maxConcurrentCalls), http, Sleeper.REAL);
        camel = new DefaultCamelContext();
        camel.addComponent("zoho", new ZohoComponent(client));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:insert").to("zoho:insertRecords?module=Leads");
                from("direct:update").to("zoho:updateRecords?module=Leads");
                from("direct:upsert").to("zoho:upsertRecords");
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
        if (client != null) {
            client.close();
        }
        if (sandbox != null) {
            sandbox.stop();
        }
    }

    private static ArrayNode records(String json) throws Exception {
        return (ArrayNode) JSON.readTree(json);
    }

    private static ArrayNode leads(int count, String prefix) {
        ArrayNode data = JSON.createArrayNode();
        for (int i = 0; i < count; i++) {
            data.addObject().put("Last_Name", prefix + i);
        }
        return data;
    }

    @Test
    void insertUpdateAndUpsertAnswerPerRecordInInputOrder() throws Exception {
        start(SandboxSettings.defaults(), 10);
        String taken = sandbox.putRecord("Leads", Map.of("Last_Name", "Taken", "Email", "taken@zylker.com"));

        Exchange inserted = producer.request("direct:insert", e -> e.getMessage().setBody(records(
                "[{\"Last_Name\":\"One\"},{\"Company\":\"No name\"},{\"Last_Name\":\"Three\",\"Email\":\"taken@zylker.com\"}]")));
        ZohoResponse insert = inserted.getMessage().getBody(ZohoResponse.class);
        assertThat(insert.httpStatus()).isEqualTo(207);
        assertThat(insert.isSuccess()).as("the call worked; its records each say how they fared").isTrue();
        assertThat(inserted.getMessage().getHeader(ZohoHeaders.OUTCOME)).isEqualTo("SUCCESS");
        assertThat(insert.data()).extracting(ZohoResponse.Entry::code)
                .containsExactly("SUCCESS", "MANDATORY_NOT_FOUND", "DUPLICATE_DATA");
        assertThat(insert.data().get(1).details().path("api_name").asText()).isEqualTo("Last_Name");
        String one = insert.data().get(0).id();
        assertThat(sandbox.records("Leads")).extracting(m -> m.get("id")).containsExactly(taken, one);
        List<SandboxLoggedRequest> sent = sandbox.requestLog().stream()
                .filter(r -> r.pattern().equals(ZohoSandbox.RECORDS)).toList();
        assertThat(JSON.readTree(sent.get(0).body()).path("trigger").isArray()).isTrue();
        assertThat(JSON.readTree(sent.get(0).body()).path("trigger")).as("no workflow fires unasked").isEmpty();

        ZohoResponse update = producer.requestBody("direct:update", records(
                "[{\"id\":\"" + one + "\",\"Company\":\"Acme\"},{\"id\":\"4150868000999999999\"}]"), ZohoResponse.class);
        assertThat(update.httpStatus()).isEqualTo(207);
        assertThat(update.data()).extracting(ZohoResponse.Entry::code).containsExactly("SUCCESS", "INVALID_DATA");
        assertThat(update.data().get(0).message()).isEqualTo("record updated");

        ZohoResponse upsert = producer.requestBodyAndHeaders("direct:upsert", records(
                "[{\"Last_Name\":\"One\",\"Company\":\"Globex\"},{\"Last_Name\":\"Four\"}]"),
                Map.of(ZohoHeaders.MODULE, "Leads", ZohoHeaders.DUPLICATE_CHECK_FIELDS, "Last_Name"), ZohoResponse.class);
        assertThat(upsert.httpStatus()).isEqualTo(200);
        assertThat(upsert.data()).extracting(ZohoResponse.Entry::action).containsExactly("update", "insert");
        assertThat(upsert.data()).extracting(ZohoResponse.Entry::duplicateField).containsExactly("Last_Name", null);
        assertThat(upsert.data().get(0).id()).isEqualTo(one);
        assertThat(sandbox.records("Leads")).extracting(m -> m.get("Last_Name") + "/" + m.get("Company"))
                .containsExactly("Taken/null", "One/Globex", "Four/null");
        assertThat(sandbox.calls("POST", ZohoSandbox.RECORDS)).isEqualTo(1);
        assertThat(sandbox.calls("PUT", ZohoSandbox.RECORDS)).isEqualTo(1);
        assertThat(sandbox.calls("POST", ZohoSandbox.RECORDS_UPSERT)).isEqualTo(1);
    }

    @Test
    void everyRecordFailingIsAnAnswerButTooManyRecordsFailTheCall() throws Exception {
        start(SandboxSettings.defaults(), 10);

        ZohoResponse allFailed = producer.requestBody("direct:insert", records("[{\"Company\":\"A\"},{\"Company\":\"B\"}]"),
                ZohoResponse.class);
        assertThat(allFailed.httpStatus()).isEqualTo(400);
        assertThat(allFailed.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(allFailed.data()).extracting(ZohoResponse.Entry::code)
                .containsExactly("MANDATORY_NOT_FOUND", "MANDATORY_NOT_FOUND");

        assertThatThrownBy(() -> producer.requestBody("direct:insert", leads(101, "L")))
                .isInstanceOf(CamelExecutionException.class).cause()
                .isInstanceOf(ZohoRejectedException.class).hasMessageContaining("LIMIT_EXCEEDED");
        assertThat(sandbox.records("Leads")).isEmpty();
    }

    @Test
    void callsOfMoreThanTenRecordsAreTenAtATimeWhateverTheConcurrencySetting() throws Exception {
        // Zoho would allow 20 here; its complex APIs (records calls of 11+ records) stay at 10 on every edition
        start(SandboxSettings.defaults().withLatency(Duration.ofMillis(300)).withConcurrencyCap(25), 20);
        client.tokenManager().accessToken();

        sendAtOnce(20, 11);
        assertThat(sandbox.tooManyRequestsSent()).isZero();
        assertThat(sandbox.maxInFlight()).isEqualTo(ZohoCallLimiter.SUB_CONCURRENCY);
        assertThat(client.limiter().maxObservedComplexInFlight()).isEqualTo(ZohoCallLimiter.SUB_CONCURRENCY);

        sandbox.resetObservations();
        sendAtOnce(20, 10);
        assertThat(sandbox.maxInFlight()).as("calls of 10 records are not complex").isGreaterThan(10);
        assertThat(sandbox.records("Leads")).hasSize(20 * 11 + 20 * 10);
    }

    private void sendAtOnce(int calls, int recordsEach) {
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        try {
            List<CompletableFuture<ZohoResponse>> answers = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                ArrayNode data = leads(recordsEach, "C" + recordsEach + "-" + i + "-");
                answers.add(CompletableFuture.supplyAsync(
                        () -> producer.requestBody("direct:insert", data, ZohoResponse.class), pool));
            }
            answers.forEach(a -> assertThat(a.join().httpStatus()).isEqualTo(201));
        } finally {
            pool.shutdownNow();
        }
    }
}
