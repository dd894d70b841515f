package io.zohocamel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.zohocamel.jobs.JobStore;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.RuntimeTestSupport;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Zoho outage (every call answered 500) while a file is being submitted, jobs are being polled and
 * mass updates arrive: calls stay bounded during the outage (no hot loop), nothing is dead-lettered
 * for a transient cause, and everything completes once Zoho is back.
 */
class ZohoOutageTest extends RuntimeTestSupport {

    private static final Duration OUTAGE = Duration.ofSeconds(60);

    @BeanInject
    ZohoSandbox sandbox;

    @BeanInject
    JobStore jobStore;

    @BeanInject
    CamelContext context;

    @BeanInject
    ProducerTemplate producer;

    @BeanInject
    ConsumerTemplate consumer;

    @Override
    protected Map<String, String> settings() {
        return Map.of("poll.period", "500ms", "poll.max-interval", "2s", "zoho.sandbox.job-step", "300ms",
                "zoho.retry-initial-delay", "200ms", "zoho.retry-max-delay", "2s", "zoho.max-retries", "3",
                "bulk.scan-interval", "200", "bulk.read-lock-interval", "200", "bulk.read-lock-min-age", "300",
                "bulk.redelivery-delay", "500");
    }

    @Test
    void workBeforeDuringAndAfterAnOutageCompletesWithoutAHotLoop() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(sandbox.putRecord("Contacts", Map.of("Last_Name", "Seed " + i)));
        }
        drop("before.csv", 300);
        await("before.csv submitted", Duration.ofSeconds(30),
                () -> Files.exists(dataDir.resolve("done/Leads/insert/before.csv")));

        addProducerComponent(context);
        sandbox.setOutage(true);
        int callsAtStart = totalCalls();
        drop("during.csv", 300);
        producer.sendBody(PRODUCER + ":queue:zoho.mass-update", "{\"module\":\"Contacts\",\"data\":[{\"Lead_Source\":\"Web\"}],"
                + "\"ids\":[\"" + String.join("\",\"", ids) + "\"],\"request_id\":\"outage-mu\"}");
        Thread.sleep(OUTAGE.toMillis());
        int outageCalls = totalCalls() - callsAtStart;
        sandbox.setOutage(false);
        drop("after.csv", 300);

        for (String name : new String[] {"before", "during", "after"}) {
            Path result = dataDir.resolve("reports/Leads/insert/" + name + ".result.csv");
            await(name + ".result.csv", Duration.ofSeconds(90), () -> Files.exists(result));
            assertThat(Files.readAllLines(result)).hasSize(301);
        }
        String outcome = consumer.receiveBody(PRODUCER + ":queue:zoho.mass-update.results", 60_000, String.class);
        assertThat(outcome).contains("\"request_id\":\"outage-mu\"").contains("\"updated\":30");
        assertThat(consumer.receiveBody(PRODUCER + ":queue:zoho.mass-update.dlq", 500, String.class)).isNull();
        assertThat(sandbox.records("Leads")).hasSize(900);
        double perSecond = outageCalls / (double) OUTAGE.toSeconds();
        System.out.printf("outage: %d calls in %d s = %.1f calls/s%n", outageCalls, OUTAGE.toSeconds(), perSecond);
        assertThat(perSecond).as("calls per second during the outage (no hot loop)").isLessThan(10);
    }

    private int totalCalls() {
        return sandbox.callCounts().values().stream().mapToInt(Integer::intValue).sum();
    }

    private void drop(String name, int rows) throws Exception {
        StringBuilder csv = new StringBuilder("Last_Name,Email\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(name, 0, name.length() - 4).append(' ').append(i).append(',').append(name, 0, name.length() - 4)
                    .append(i).append("@example.com\n");
        }
        Path staged = dataDir.resolve("staging").resolve(name);
        Files.createDirectories(staged.getParent());
        Files.writeString(staged, csv);
        Path target = dataDir.resolve("inbox/Leads/insert").resolve(name);
        Files.createDirectories(target.getParent());
        Files.move(staged, target);
    }
}
