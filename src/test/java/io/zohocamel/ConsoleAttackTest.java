package io.zohocamel;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zohocamel.support.RuntimeTestSupport;
import io.zohocamel.zoho.OAuthTokenManager;
import org.apache.camel.BeanInject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console as an attacker meets it: with the operator's login (stolen, or an operator who should only
 * operate routes), from another site through a logged-in operator's browser, and from the network. The
 * login may start, stop, suspend and resume routes and look at them; nothing it sends through Jolokia
 * may send an exchange, create an endpoint, change a route, write an attribute, reach a file, open a
 * connection elsewhere, or show a secret.
 */
class ConsoleAttackTest extends RuntimeTestSupport {

    private static final String USER = "admin";
    private static final String PASSWORD = "console-attack-secret";
    private static final String BROKER_PASSWORD = "broker-attack-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTEXT = "org.apache.camel:context=zoho-crm-camel,type=context,name=\"zoho-crm-camel\"";
    private static final String POLLER = "org.apache.camel:context=zoho-crm-camel,type=routes,name=\"job-poller\"";

    /** What jolokia-access.xml lets the login call, by MBean kind; every other operation must be refused. */
    private static final Map<String, Set<String>> ALLOWED_OPERATIONS = Map.of(
            "org.apache.camel:routes", Set.of("start()", "stop()", "stop(long)", "stop(java.lang.Long,java.lang.Boolean)",
                    "suspend()", "suspend(long)", "resume()", "restart()", "restart(long)", "reset()", "reset(boolean)",
                    "dumpRouteAsXml()", "dumpRouteAsYaml()", "dumpRouteStatsAsXml(boolean,boolean)",
                    "dumpRouteStatsAsJSon(boolean,boolean)", "dumpStepStatsAsXml(boolean)", "dumpStatsAsXml(boolean)",
                    "dumpStatsAsJSon(boolean)", "dumpRouteSourceLocationsAsXml()", "processorIds()", "isUpdateRouteEnabled()"),
            "org.apache.camel:context", Set.of("dumpRoutesAsXml()", "dumpRoutesAsYaml()", "dumpRoutesStatsAsXml(boolean,boolean)",
                    "dumpStepStatsAsXml(boolean)", "dumpStatsAsXml(boolean)", "dumpStatsAsJSon(boolean)", "dumpRoutesCoverageAsXml()",
                    "dumpRouteTemplatesAsXml()", "routeIds()", "routeGroups()", "componentNames()", "dataFormatNames()",
                    "languageNames()", "reset()", "reset(boolean)"),
            "java.lang:Threading", Set.of("dumpAllThreads(boolean,boolean)", "dumpAllThreads(boolean,boolean,int)", "findDeadlockedThreads()", "findMonitorDeadlockedThreads()"),
            "hawtio:security", Set.of("list()", "list(java.lang.String)", "canInvoke(java.lang.String)",
                    "canInvoke(java.lang.String,java.lang.String)", "canInvoke(java.lang.String,java.lang.String,[Ljava.lang.String;)",
                    "canInvoke(java.util.Map)"));

    @BeanInject
    OAuthTokenManager tokens;

    @Override
    protected Map<String, String> settings() {
        return Map.of("http.auth.password", PASSWORD, "broker.password", BROKER_PASSWORD);
    }

    /** The runtime itself starts before each test's first one, the console beside it. */
    @BeforeEach
    void consoleUp() throws InterruptedException {
        awaitConsole();
    }

    @Test
    void theLoginCannotSendCreateOrEvaluateAnything() throws Exception {
        Path outside = dataDir.getParent().resolve("console-attack-pwned.txt");
        Files.deleteIfExists(outside);
        // the probes: a file written anywhere, the live token and the client secret through a bean,
        // a file read and a shell command through the job store's H2
        List<ObjectNode> probes = List.of(
                exec(CONTEXT, "sendBody(java.lang.String,java.lang.Object)",
                        "file:" + outside.getParent() + "?fileName=" + outside.getFileName(), "pwned"),
                exec(CONTEXT, "sendStringBody(java.lang.String,java.lang.String)",
                        "file:" + outside.getParent() + "?fileName=" + outside.getFileName(), "pwned"),
                exec(CONTEXT, "sendBody", "file:" + outside.getParent() + "?fileName=" + outside.getFileName(), "pwned"),
                exec(CONTEXT, "requestBody(java.lang.String,java.lang.Object)", "bean:zohoTokens?method=accessToken", ""),
                exec(CONTEXT, "requestStringBody(java.lang.String,java.lang.String)", "bean:zohoSettings?method=clientSecret", ""),
                exec(CONTEXT, "requestBody(java.lang.String,java.lang.Object)",
                        "sql:SELECT FILE_READ('/etc/hostname') AS F?dataSource=#jobStoreDataSource", ""),
                exec(CONTEXT, "requestBody(java.lang.String,java.lang.Object)",
                        "sql:CREATE ALIAS IF NOT EXISTS PWN AS 'String pwn() throws Exception { return \"x\"; }'"
                                + "?dataSource=#jobStoreDataSource", ""),
                exec(CONTEXT, "createEndpoint(java.lang.String)", "file:" + outside.getParent() + "?autoCreate=true"),
                exec(CONTEXT, "canSendToEndpoint(java.lang.String)", "file:" + outside.getParent()),
                exec(CONTEXT, "removeEndpoints(java.lang.String)", "*"),
                exec(CONTEXT, "stop()"),
                exec(POLLER, "updateRouteFromXml(java.lang.String)",
                        "<route id=\"job-poller\"><from uri=\"timer:x\"/><to uri=\"file:" + outside.getParent() + "\"/></route>"),
                exec(POLLER, "remove()"),
                exec(POLLER, "setTracing(java.lang.Boolean)", true));
        JsonNode answers = jolokia(JSON.valueToTree(probes), basic());
        for (JsonNode answer : answers) {
            assertThat(answer.path("status").asInt()).as(answer.toString()).isEqualTo(403);
            assertThat(answer.path("value").isMissingNode()).as(answer.toString()).isTrue();
        }
        assertThat(outside).doesNotExist();
        assertThat(answers.toString()).doesNotContain(tokens.accessToken());
        assertThat(routeState("job-poller")).isEqualTo("Started");

        // writing an attribute is refused too (tracing would log every message's body)
        ObjectNode write = JSON.createObjectNode().put("type", "write").put("mbean", POLLER).put("attribute", "Tracing").put("value", true);
        assertThat(jolokia(write, basic()).path("status").asInt()).isEqualTo(403);
    }

    @Test
    void everyOperationOutsideTheAllowListIsRefused() throws Exception {
        JsonNode domains = jolokia(JSON.createObjectNode().put("type", "list"), basic()).path("value");
        ArrayNode probes = JSON.createArrayNode();
        List<String> refusedOnes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> d = domains.fields(); d.hasNext(); ) {
            Map.Entry<String, JsonNode> domain = d.next();
            for (Iterator<Map.Entry<String, JsonNode>> m = domain.getValue().fields(); m.hasNext(); ) {
                Map.Entry<String, JsonNode> mbean = m.next();
                String name = domain.getKey() + ":" + mbean.getKey();
                Set<String> allowed = ALLOWED_OPERATIONS.getOrDefault(kind(domain.getKey(), mbean.getKey()), Set.of());
                for (Iterator<Map.Entry<String, JsonNode>> o = mbean.getValue().path("op").fields(); o.hasNext(); ) {
                    Map.Entry<String, JsonNode> op = o.next();
                    for (JsonNode overload : op.getValue().isArray() ? op.getValue() : JSON.createArrayNode().add(op.getValue())) {
                        List<String> types = new ArrayList<>();
                        overload.path("args").forEach(a -> types.add(a.path("type").asText()));
                        String signature = op.getKey() + "(" + String.join(",", types) + ")";
                        if (!allowed.contains(signature)) {
                            // no arguments: the policy answers before Jolokia looks at them, so nothing runs even if it let one through
                            probes.add(exec(name, signature));
                            probes.add(exec(name, op.getKey()));
                            refusedOnes.add(name + " " + signature);
                        }
                    }
                }
            }
        }
        assertThat(refusedOnes).hasSizeGreaterThan(500).anyMatch(s -> s.contains("sendBody"));
        JsonNode answers = jolokia(probes, basic());
        for (JsonNode answer : answers) {
            assertThat(answer.path("status").asInt()).as(answer.path("request").toString()).isEqualTo(403);
        }
    }

    @Test
    void theRoutesCanBeOperatedAndDrawn() throws Exception {
        assertThat(jolokia(exec(POLLER, "stop()"), basic()).path("status").asInt()).isEqualTo(200);
        assertThat(routeState("job-poller")).isEqualTo("Stopped");
        assertThat(jolokia(exec(POLLER, "start()"), basic()).path("status").asInt()).isEqualTo(200);
        assertThat(routeState("job-poller")).isEqualTo("Started");
        // what the console calls for the diagram and its statistics
        JsonNode diagram = jolokia(exec(CONTEXT, "dumpRoutesAsXml()"), basic());
        assertThat(diagram.path("value").asText()).contains("bulk-inbox").contains("job-poller");
        JsonNode stats = jolokia(exec(CONTEXT, "dumpRoutesStatsAsXml", true, true), basic());
        assertThat(stats.path("status").asInt()).isEqualTo(200);
        assertThat(stats.path("value").asText()).contains("routeStat");
    }

    @Test
    void noSecretIsReadableThroughJmx() throws Exception {
        for (String attribute : List.of("SystemProperties", "InputArguments", "ClassPath", "BootClassPath", "LibraryPath")) {
            ObjectNode read = JSON.createObjectNode().put("type", "read").put("mbean", "java.lang:type=Runtime").put("attribute", attribute);
            assertThat(jolokia(read, basic()).path("status").asInt()).as(attribute).isEqualTo(403);
        }
        // everything the login can read at all, read as deep as Jolokia goes into the values: none of the secrets is in it
        List<String> secrets = List.of(PASSWORD, BROKER_PASSWORD, tokens.accessToken(),
                Files.readString(dataDir.resolve("secrets/callback.secret")).trim());
        JsonNode names = jolokia(JSON.createObjectNode().put("type", "search").put("mbean", "*:*"), basic()).path("value");
        int readable = 0;
        for (JsonNode name : names) {
            ObjectNode read = JSON.createObjectNode().put("type", "read").put("mbean", name.asText());
            read.putObject("config").put("maxDepth", 30).put("ignoreErrors", true);
            JsonNode answer = jolokia(read, basic());
            if (answer.path("status").asInt() == 200) {
                readable++;
                for (String secret : secrets) {
                    assertThat(answer.toString()).as(name.asText()).doesNotContain(secret);
                }
            }
        }
        assertThat(readable).as("the console still reads Camel's and the JVM's statistics").isGreaterThan(100);
    }

    @Test
    void jolokiaOpensNoConnectionElsewhere() throws Exception {
        // the JSR-160 proxy made Jolokia connect to any JMX URL a request named (JNDI lookups included)
        try (ServerSocket trap = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            trap.setSoTimeout(2000);
            ObjectNode read = JSON.createObjectNode().put("type", "read").put("mbean", "java.lang:type=Memory").put("attribute", "HeapMemoryUsage");
            read.putObject("target").put("url", "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + trap.getLocalPort() + "/jmxrmi");
            CompletableFuture<HttpResponse<String>> answer = HTTP.sendAsync(HttpRequest.newBuilder(uri("/hawtio/jolokia/"))
                    .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json").header("Authorization", basic())
                    .POST(HttpRequest.BodyPublishers.ofString(read.toString())).build(), HttpResponse.BodyHandlers.ofString());
            assertThatThrownBy(() -> trap.accept().close()).as("Jolokia connected to the URL a request named")
                    .isInstanceOf(SocketTimeoutException.class);
            assertThat(answer.get().statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aCrossSiteRequestCarryingTheSessionIsRefused() throws Exception {
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(uri("/hawtio/auth/login")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + USER + "\",\"password\":\"" + PASSWORD + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).containsIgnoringCase("SameSite=Strict").containsIgnoringCase("HttpOnly");
        String session = setCookie.split(";", 2)[0];
        String stop = exec(POLLER, "stop()").toString();

        // a form or fetch from another site: the browser names that site in Origin, or only in Sec-Fetch-Site
        for (Map<String, String> from : List.of(Map.of("Origin", "http://evil.example"), Map.of("Origin", "null"),
                Map.of("Origin", "http://127.0.0.1:" + hawtioPort + ".evil.example"),
                Map.of("Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "no-cors"))) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri("/hawtio/jolokia/")).timeout(Duration.ofSeconds(10))
                    .header("Cookie", session).header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(stop));
            from.forEach(request::header);
            HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(from.toString()).isEqualTo(403);
            assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).as(from.toString()).isEmpty();
            assertThat(routeState("job-poller")).as(from.toString()).isEqualTo("Started");
        }
        // a link or image on another site makes a GET: no operation is run by a GET
        HttpResponse<String> viaGet = HTTP.send(HttpRequest.newBuilder(uri("/hawtio/jolokia/exec/"
                        + POLLER.replace("\"", "%22") + "/stop()")).timeout(Duration.ofSeconds(10)).header("Cookie", session).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(viaGet.body()).path("status").asInt()).isEqualTo(403);
        assertThat(routeState("job-poller")).isEqualTo("Started");

        // the console's own page, same origin, with the session: allowed
        HttpResponse<String> own = HTTP.send(HttpRequest.newBuilder(uri("/hawtio/jolokia/")).timeout(Duration.ofSeconds(10))
                .header("Cookie", session).header("Origin", "http://127.0.0.1:" + hawtioPort).header("Sec-Fetch-Site", "same-origin")
                .header("Content-Type", "text/json").POST(HttpRequest.BodyPublishers.ofString(stop)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(own.body()).path("status").asInt()).as(own.body()).isEqualTo(200);
        assertThat(routeState("job-poller")).isEqualTo("Stopped");
        jolokia(exec(POLLER, "start()"), basic());
    }

    @Test
    void theConsoleAndManagementPortsListenOnThisHostOnly() throws Exception {
        InetAddress external = nonLoopbackAddress();
        assumeTrue(external != null, "this host has no non-loopback IPv4 address to try");
        for (int port : List.of(hawtioPort, managementPort)) {
            try (Socket socket = new Socket()) {
                assertThatThrownBy(() -> socket.connect(new InetSocketAddress(external, port), 2000))
                        .as("port " + port + " on " + external).isInstanceOf(ConnectException.class);
            }
        }
        // Zoho's callback must reach the business port from outside
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(external, httpPort), 2000);
            assertThat(socket.isConnected()).isTrue();
        }
    }

    private static InetAddress nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return address;
                    }
                }
            }
        }
        return null;
    }

    /** The allow-list's key for an MBean: Camel's by type, the JVM's by type, Hawtio's security ones together. */
    private static String kind(String domain, String properties) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String pair : properties.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                keys.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return domain + ":" + keys.getOrDefault("type", "");
    }

    private String routeState(String routeId) throws Exception {
        ObjectNode read = JSON.createObjectNode().put("type", "read")
                .put("mbean", "org.apache.camel:context=zoho-crm-camel,type=routes,name=\"" + routeId + "\"").put("attribute", "State");
        return jolokia(read, basic()).path("value").asText();
    }

    private static ObjectNode exec(String mbean, String operation, Object... arguments) {
        ObjectNode exec = JSON.createObjectNode().put("type", "exec").put("mbean", mbean).put("operation", operation);
        ArrayNode args = exec.putArray("arguments");
        for (Object argument : arguments) {
            args.add(JSON.valueToTree(argument));
        }
        return exec;
    }

    private JsonNode jolokia(JsonNode body, String authorization) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri("/hawtio/jolokia/")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + hawtioPort + path);
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }
}
