package io.zohocamel;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import io.zohocamel.support.RuntimeTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Hawtio console as an operator meets it: the page, the login, and the Jolokia calls the console
 * makes to show the routes, on the console's port; no Jolokia without the login, anywhere.
 */
class HawtioConsoleTest extends RuntimeTestSupport {

    private static final String USER = "admin";
    private static final String PASSWORD = "console-test-secret";
    private static final String ROUTES_SEARCH = "{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,*\"}";

    @Override
    protected Map<String, String> settings() {
        return Map.of("http.auth.password", PASSWORD);
    }

    @Test
    void servesTheConsolePage() throws Exception {
        awaitConsole();
        // not logged in: Hawtio sends the browser to its login page, which is the console's single page
        HttpResponse<String> start = get(hawtioPort, "/hawtio/");
        assertThat(start.statusCode()).isEqualTo(302);
        String login = start.headers().firstValue("Location").orElseThrow();
        assertThat(login).endsWith("/hawtio/login");
        HttpResponse<String> page = get(hawtioPort, URI.create(login).getPath());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("text/html"));
        assertThat(page.body()).contains("<title>Hawtio</title>").contains("<base href=\"/hawtio/\">");
        // the runtime's login replaces Hawtio's default one
        assertThat(get(hawtioPort, "/hawtio/auth/config").body()).doesNotContain("\"method\":\"oidc\"");
        HttpResponse<String> root = get(hawtioPort, "/");
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/hawtio/"));
    }

    @Test
    void jolokiaAnswers401WithoutTheLogin() throws Exception {
        awaitConsole();
        HttpResponse<String> anonymous = jolokia(ROUTES_SEARCH, null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"zoho-crm-camel\"");
        assertThat(anonymous.body()).doesNotContain("bulk-inbox");
        assertThat(get(hawtioPort, "/hawtio/jolokia/version").statusCode()).isEqualTo(401);

        HttpResponse<String> wrong = jolokia(ROUTES_SEARCH, basic(USER, "not-the-password"), null);
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).doesNotContain("bulk-inbox");

        HttpResponse<String> basic = jolokia(ROUTES_SEARCH, basic(USER, PASSWORD), null);
        assertThat(basic.statusCode()).as(basic.body()).isEqualTo(200);
        assertThat(basic.body()).contains("bulk-inbox");
    }

    @Test
    void loginAsTheConsoleDoesThenItsJolokiaCallsListTheRoutes() throws Exception {
        awaitConsole();
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(uri("/hawtio/auth/login"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + USER + "\",\"password\":\"" + PASSWORD + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String session = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        assertThat(session).startsWith("JSESSIONID=");

        HttpResponse<String> search = jolokia(ROUTES_SEARCH, null, session);
        assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
        assertThat(search.body()).contains("\"status\":200")
                .contains("name=\\\"bulk-inbox\\\"").contains("name=\\\"job-poller\\\"").contains("name=\\\"mass-update-intake\\\"");

        // live statistics of every route, read in one bulk request as the console's Camel tab does
        HttpResponse<String> stats = jolokia("[{\"type\":\"read\",\"mbean\":\"org.apache.camel:context=*,type=routes,*\","
                + "\"attribute\":[\"RouteId\",\"State\",\"ExchangesTotal\",\"ExchangesFailed\",\"MeanProcessingTime\"]}]", null, session);
        assertThat(stats.statusCode()).as(stats.body()).isEqualTo(200);
        assertThat(stats.body()).contains("\"status\":200").contains("\"RouteId\":\"bulk-inbox\"")
                .contains("\"RouteId\":\"job-poller\"").contains("\"RouteId\":\"mass-update-intake\"")
                .contains("\"State\":\"Started\"").contains("\"ExchangesTotal\"");

        // operations: allowed on Camel MBeans, refused on the JVM's diagnostic ones (jolokia-access.xml)
        HttpResponse<String> exec = jolokia("{\"type\":\"exec\",\"mbean\":\"org.apache.camel:context=zoho-crm-camel,type=routes,name=\\\"job-poller\\\"\","
                + "\"operation\":\"dumpRouteStatsAsXml(boolean,boolean)\",\"arguments\":[false,false]}", null, session);
        assertThat(exec.body()).contains("\"status\":200").contains("job-poller");
        HttpResponse<String> denied = jolokia("{\"type\":\"exec\",\"mbean\":\"com.sun.management:type=DiagnosticCommand\","
                + "\"operation\":\"vmFlags([Ljava.lang.String;)\",\"arguments\":[[]]}", null, session);
        assertThat(denied.body()).contains("\"status\":403").doesNotContain("-XX:");
    }

    @Test
    void managementServerHasNoJolokiaButHealthStaysOpen() throws Exception {
        await("health UP", Duration.ofSeconds(20), () -> {
            try {
                return get(managementPort, "/observe/health").statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
        HttpResponse<String> jolokia = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/observe/jolokia"))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(ROUTES_SEARCH)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(jolokia.statusCode()).isNotEqualTo(200);
        assertThat(jolokia.body()).doesNotContain("bulk-inbox");
        assertThat(get(managementPort, "/observe/metrics").statusCode()).isEqualTo(200);
        // the configured password is used as is: nothing generated
        assertThat(dataDir.resolve("secrets/http.password")).doesNotExist();
    }


    private HttpResponse<String> jolokia(String body, String authorization, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/hawtio/jolokia/")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + hawtioPort + path);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
