package io.zohocamel;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import io.zohocamel.support.PackagedService;
import io.zohocamel.support.StompClient;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged service on the quick start's 224 MiB heap meets requests far larger than any real one: a 50 MB
 * request is dead-lettered with BODY_TOO_LARGE and its body intact, the service staying UP; then several
 * requests of about 9 MB at once (bytes the runtime reads and refuses one at a time, text messages and a STOMP
 * frame the broker refuses unread) all end on the dead-letter queue, none is left to be redelivered, and a
 * normal request still gets its result. (Before, the 50 MB request ran the heap out before its size check
 * and was redelivered forever, with health UP; so did 9 MB ones in parallel.)
 */
class OversizedRequestsIT {

    private static final int MB = 1024 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void requestsFarTooLargeEndOnTheDeadLetterQueueAndTheServiceStaysUp() throws Exception {
        try (PackagedService service = new PackagedService(Map.of(), PackagedService.QUICK_START_JVM)) {
            service.awaitUp(Duration.ofSeconds(90));
            String password = Files.readString(service.workDir.resolve("data/secrets/broker.password")).trim();
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + service.brokerPort, "zoho", password);
            try (Connection connection = factory.createConnection()) {
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer requests = session.createProducer(session.createQueue("zoho.mass-update"));
                MessageConsumer deadLetters = session.createConsumer(session.createQueue("zoho.mass-update.dlq"));

                // 50 MB, streamed from the test (its heap never holds it either)
                Request fifty = new Request("fifty", 50 * MB);
                requests.send(fifty.asBytesMessage(session));
                Message dead = deadLetters.receive(WAIT.toMillis());
                assertThat(dead).as("the 50 MB request's dead letter").isNotNull();
                assertThat(dead.getStringProperty("MassUpdateRejectCode")).isEqualTo("BODY_TOO_LARGE");
                assertThat(fifty.sameBodyAs((BytesMessage) dead)).as("its body, intact").isTrue();
                assertThat(health(service)).contains("\"UP\"");

                // about 9 MB each, all at once: 5 bytes messages, 2 text messages, 1 STOMP frame
                Map<String, Request> nine = new LinkedHashMap<>();
                for (int i = 0; i < 5; i++) {
                    Request bytes = new Request("nine-bytes-" + i, 9 * MB);
                    requests.send(bytes.asBytesMessage(session));
                    nine.put(bytes.requestId, bytes);
                }
                for (int i = 0; i < 2; i++) {
                    Request text = new Request("nine-text-" + i, 9 * MB);
                    TextMessage message = session.createTextMessage(text.text());
                    requests.send(message);
                    nine.put(message.getJMSMessageID(), text); // refused unread: its message id stands for its request id
                }
                Request frame = new Request("nine-stomp", 12 * MB);
                try (StompClient stomp = StompClient.connect(service.brokerPort, "zoho", password)) {
                    assertThat(stomp.trySend("zoho.mass-update", Map.of("MassUpdateRequestId", "nine-stomp"), frame.text()))
                            .startsWith("RECEIPT");
                }
                nine.put("nine-stomp", frame);

                Map<String, String> codes = new LinkedHashMap<>();
                while (codes.size() < nine.size()) {
                    Message each = deadLetters.receive(WAIT.toMillis());
                    assertThat(each).as("dead letters so far: " + codes).isNotNull();
                    String requestId = each.getStringProperty("MassUpdateRequestId");
                    Request sent = nine.get(requestId);
                    assertThat(sent).as("a dead letter for " + requestId).isNotNull();
                    assertThat(each instanceof TextMessage text ? text.getText().equals(sent.text()) : sent.sameBodyAs((BytesMessage) each))
                            .as("the body of " + requestId + ", intact").isTrue();
                    codes.put(requestId, each.getStringProperty("MassUpdateRejectCode"));
                }
                assertThat(codes).as("the bytes read and refused for their content, the others refused unread")
                        .allSatisfy((id, code) -> assertThat(code).isEqualTo(id.startsWith("nine-bytes") ? "UNKNOWN_KEY" : "BODY_TOO_LARGE"));

                // a normal request afterwards gets its result
                requests.send(session.createTextMessage("{\"module\":\"Leads\",\"data\":[{\"Rating\":\"Hot\"}],"
                        + "\"ids\":[\"4150868000000000001\"],\"request_id\":\"after\"}"));
                MessageConsumer results = session.createConsumer(session.createQueue("zoho.mass-update.results"),
                        "MassUpdateRequestId = 'after'");
                assertThat(results.receive(WAIT.toMillis())).as("the normal request's result").isNotNull();
                assertThat(deadLetters.receive(2_000)).as("nothing dead-lettered twice").isNull();
            }
            assertThat(health(service)).contains("\"UP\"");
            assertThat(service.output()).doesNotContain("OutOfMemoryError");
        }
    }

    /** A request of a given size, made up as it is sent (a field value of x's), and its SHA-256. */
    private record Request(String requestId, int size) {

        String head() {
            return "{\"module\":\"Leads\",\"request_id\":\"" + requestId + "\",\"data\":[{\"Rating\":\"Hot\"}],"
                    + "\"ids\":[\"4150868000000000001\"],\"padding\":\"";
        }

        InputStream stream() {
            byte[] head = head().getBytes(StandardCharsets.US_ASCII);
            byte[] tail = "\"}".getBytes(StandardCharsets.US_ASCII);
            return new InputStream() {
                private int at;

                @Override
                public int read() {
                    if (at >= size) {
                        return -1;
                    }
                    int i = at++;
                    return i < head.length ? head[i] : i >= size - tail.length ? tail[i - (size - tail.length)] : 'x';
                }
            };
        }

        String text() {
            return head() + "x".repeat(size - head().length() - 2) + "\"}";
        }

        BytesMessage asBytesMessage(Session session) throws Exception {
            BytesMessage message = session.createBytesMessage();
            message.setObjectProperty("JMS_AMQ_InputStream", new java.io.BufferedInputStream(stream(), 64 * 1024));
            return message;
        }

        /** Streams the received body through a digest (JMS_AMQ_SaveStream), never holding it. */
        boolean sameBodyAs(BytesMessage received) throws Exception {
            MessageDigest got = MessageDigest.getInstance("SHA-256");
            long[] length = {0};
            received.setObjectProperty("JMS_AMQ_SaveStream", new OutputStream() {
                @Override
                public void write(int b) {
                    got.update((byte) b);
                    length[0]++;
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    got.update(b, off, len);
                    length[0] += len;
                }
            });
            MessageDigest sent = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new java.io.BufferedInputStream(stream(), 64 * 1024)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sent.update(buffer, 0, n);
                }
            }
            return length[0] == size && HexFormat.of().formatHex(got.digest()).equals(HexFormat.of().formatHex(sent.digest()));
        }
    }

    private static String health(PackagedService service) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + service.managementPort + "/observe/health")).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + " " + r.body();
        } catch (Exception e) {
            return "unreachable: " + e;
        }
    }
}
