package io.zohocamel;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.management.ObjectName;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.massupdate.MassUpdateWarmUp;
import io.zohocamel.runtime.EmbeddedBroker;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.RuntimeTestSupport;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mass-update warm-up as the runtime runs it at start (massupdate.warm-up, off in the other route
 * tests): made-up requests through a second instance of the intake route, readiness only after it, and
 * afterwards no trace where a user looks (Zoho, the job store, the queues, the routes), while the real
 * intake serves requests as before.
 */
class MassUpdateWarmUpTest extends RuntimeTestSupport {

    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // before the runtime starts, so the warm-up's lines are caught
        LOG.start();
        ((Logger) LoggerFactory.getLogger(MassUpdateWarmUp.class)).addAppender(LOG);
    }

    @BeanInject
    CamelContext context;

    @BeanInject
    ZohoSandbox sandbox;

    @BeanInject
    JobStore jobStore;

    @Override
    protected Map<String, String> settings() {
        return Map.of("massupdate.warm-up", "true");
    }

    @Test
    void runsBeforeReadinessLeavesNoTraceAndTheRealIntakeWorksAfterIt() throws Exception {
        long readyAt = awaitReady();
        ILoggingEvent done = events().stream().filter(e -> e.getFormattedMessage().startsWith("Mass-update warm-up done"))
                .findFirst().orElseThrow(() -> new AssertionError("no warm-up done line in " + events()));
        assertThat(done.getFormattedMessage()).contains("100 of 100 made-up requests COMPLETED");
        assertThat(done.getTimeStamp()).as("ready only once the warm-up is done").isLessThanOrEqualTo(readyAt);

        // no trace: nothing reached Zoho or the job store, its route and queues are gone, nothing was published
        assertThat(sandbox.calls("POST", ZohoSandbox.MASS_UPDATE)).as("calls at the runtime's Zoho").isZero();
        assertThat(jobStore.massUpdateRequest("warm-up-0")).isEmpty();
        assertThat(context.getRoute("mass-update-warm-up")).isNull();
        assertThat(context.getRoute("mass-update-intake")).isNotNull();
        assertThat(queues()).contains("zoho.mass-update").noneMatch(q -> q.startsWith("zoho.warm-up"));
        addProducerComponent(context); // as a producer system: over TCP, as broker.user
        ConsumerTemplate consumer = context.createConsumerTemplate();
        assertThat(consumer.receiveBodyNoWait(PRODUCER + ":queue:zoho.mass-update.results", String.class)).isNull();
        assertThat(consumer.receiveBodyNoWait(PRODUCER + ":queue:zoho.mass-update.dlq", String.class)).isNull();

        // the real intake, after its template ran a second instance that is gone now
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(sandbox.putRecord("Leads", Map.of("Last_Name", "After warm-up " + i, "Rating", "Cold")));
        }
        ProducerTemplate producer = context.createProducerTemplate();
        producer.sendBody(PRODUCER + ":queue:zoho.mass-update", "{\"module\":\"Leads\",\"data\":[{\"Rating\":\"Hot\"}],\"ids\":"
                + JSON.writeValueAsString(ids) + ",\"request_id\":\"real-1\"}");
        String result = consumer.receiveBody(PRODUCER + ":queue:zoho.mass-update.results", 20_000, String.class);
        assertThat(result).as("the real request's result").isNotNull();
        JsonNode json = JSON.readTree(result);
        assertThat(json.path("request_id").asText()).isEqualTo("real-1");
        assertThat(json.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(json.path("summary").path("updated").asInt()).isEqualTo(3);
        assertThat(sandbox.calls("POST", ZohoSandbox.MASS_UPDATE)).isEqualTo(1);
        assertThat(sandbox.records("Leads")).filteredOn(r -> ids.contains(r.get("id")))
                .allSatisfy(r -> assertThat(r).containsEntry("Rating", "Hot"));
        assertThat(jobStore.massUpdateRequest("real-1")).isPresent();
        producer.stop();
        consumer.stop();
    }

    @Test
    void queuesLeftByAKilledWarmUpAreRemovedAndNothingElse() throws Exception {
        awaitReady(); // the warm-up's own queues are in use until then
        ProducerTemplate producer = context.createProducerTemplate();
        producer.sendBody("jms:queue:zoho.warm-up.mass-update", "{\"request_id\":\"left by a kill\"}");
        assertThat(queues()).contains("zoho.warm-up.mass-update");

        MassUpdateWarmUp.deleteLeftovers(context.hasService(EmbeddedBroker.class));

        assertThat(queues()).noneMatch(q -> q.startsWith("zoho.warm-up"))
                .contains("zoho.mass-update", "zoho.mass-update.results", "zoho.mass-update.dlq");
        producer.stop();
    }

    /** Waits for readiness; when it was first seen. */
    private long awaitReady() throws InterruptedException {
        long[] readyAt = {0};
        await("readiness", Duration.ofSeconds(60), () -> {
            try {
                boolean up = get(managementPort, "/observe/health/ready").statusCode() == 200;
                readyAt[0] = System.currentTimeMillis();
                return up;
            } catch (Exception notYet) {
                return false;
            }
        });
        return readyAt[0];
    }

    private static String[] queues() throws Exception {
        return (String[]) ManagementFactory.getPlatformMBeanServer()
                .getAttribute(new ObjectName("org.apache.activemq.artemis:broker=\"zoho-crm-camel\""), "QueueNames");
    }

    private static List<ILoggingEvent> events() {
        synchronized (LOG) {
            return List.copyOf(LOG.list);
        }
    }
}
