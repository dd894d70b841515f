package io.zohocamel.massupdate;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.jobs.JobStoreDataSource;
import io.zohocamel.jobs.PollSchedule;
import io.zohocamel.runtime.EmbeddedBroker;
import io.zohocamel.runtime.PrivateZoho;
import org.apache.camel.CamelContext;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLogger;

/**
 * Sends made-up mass updates through the intake's own steps once, at start: a second instance of the
 * {@code mass-update-intake} route template, on a private queue of the embedded broker, whose beans call
 * a private in-process sandbox ({@link PrivateZoho}) and record in a private in-memory job store. A
 * just-started JVM ran the first real burst while loading and compiling that code (broker, JMS, the
 * route's steps, JSON, HTTP, H2): 0.75-0.78 of the ideal call rate on 2 cores without this, 0.82-0.88
 * with it (README, Performance). Nothing reaches Zoho, the job store, the results queue or the
 * dead-letter queue, and the route and its queues are removed afterwards.
 */
public final class MassUpdateWarmUp {

    /** Fewer gained less, 200 no more than 100 (README, Performance); about 2.4 s more before readiness. */
    static final int REQUESTS = 100;
    static final String ROUTE_ID = "mass-update-warm-up";
    /** The broker's permissions for the warm-up's queues (the runtime's only: it makes and removes them). */
    public static final String PRIVATE_QUEUES = "zoho.warm-up.#";
    static final String QUEUE = "zoho.warm-up.mass-update";
    static final String RESULTS = QUEUE + ".results";
    private static final int RECORDS = 2_000;
    private static final String TEMPLATE = "mass-update-intake";
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final Logger LOG = LoggerFactory.getLogger(MassUpdateWarmUp.class);

    private MassUpdateWarmUp() {
    }

    /** What the warm-up did: its made-up requests whose result was COMPLETED. */
    public record Done(int completed) {
    }

    public static Done run(CamelContext context, EmbeddedBroker broker, MassUpdateParser parser, PollSchedule schedule,
                           Duration timeout) throws Exception {
        LOG.info("Mass-update warm-up: {} made-up requests through the intake's steps on the private queue {}; their calls "
                + "go to a private in-process sandbox, nothing reaches Zoho, the job store or the results queue", REQUESTS, QUEUE);
        try (PrivateZoho zoho = PrivateZoho.start();
             HikariDataSource storage = JobStoreDataSource.inMemory("mass-update-warm-up-" + RUNS.incrementAndGet())) {
            List<String> records = new ArrayList<>(RECORDS);
            for (int i = 0; i < RECORDS; i++) {
                records.add(zoho.sandbox().putRecord("Leads", Map.of("Last_Name", "Warm-up " + i, "Lead_Source", "Web")));
            }
            JobStore store = new JobStore(storage, Clock.systemUTC());
            TemplatedRouteBuilder.builder(context, TEMPLATE).routeId(ROUTE_ID)
                    .parameter("queue", QUEUE)
                    .parameter("selector", OversizedRequests.SIZE_HEADER + " IS NULL")
                    .parameter("consumers", "{{massupdate.consumers}}")
                    .parameter("intake", "warmUpIntake")
                    .parameter("calls", "warmUpCalls")
                    .parameter("publish", "jms:queue:" + RESULTS)
                    // a failure here is only logged and dropped: no redelivery, nothing in massupdate.dlq
                    .parameter("errors", "default-errors")
                    .bean("warmUpIntake", new MassUpdateIntake(parser, store, NOPLogger.NOP_LOGGER))
                    .bean("warmUpCalls", new MassUpdateCalls(zoho.client(), store, schedule, 0))
                    .add();
            ProducerTemplate send = context.createProducerTemplate();
            ConsumerTemplate receive = context.createConsumerTemplate();
            try {
                long start = System.nanoTime();
                for (int r = 0; r < REQUESTS; r++) {
                    send.sendBody("jms:queue:" + QUEUE, request(r, records));
                }
                Done done = new Done(completed(receive, timeout));
                LOG.info("Mass-update warm-up done: {} of {} made-up requests COMPLETED in {} ms", done.completed(), REQUESTS,
                        (System.nanoTime() - start) / 1_000_000);
                return done;
            } finally {
                send.stop();
                receive.stop();
                context.getRouteController().stopRoute(ROUTE_ID);
                context.removeRoute(ROUTE_ID);
                broker.deleteQueues(QUEUE, RESULTS);
            }
        }
    }

    /** A warm-up cut short by a kill leaves its queues in the broker's journal: removed at the next start. */
    public static void deleteLeftovers(EmbeddedBroker broker) throws Exception {
        broker.deleteQueues(QUEUE, RESULTS);
    }

    /** How many results said COMPLETED; fails when not every request has its result in time. */
    private static int completed(ConsumerTemplate receive, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int completed = 0;
        for (int r = 0; r < REQUESTS; r++) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            String result = receive.receiveBody("jms:queue:" + RESULTS, left, String.class);
            if (result == null) {
                throw new IllegalStateException("only " + r + " of " + REQUESTS + " results within " + timeout);
            }
            completed += result.contains("\"status\":\"COMPLETED\"") ? 1 : 0;
        }
        return completed;
    }

    /** A request as a syncing system sends one: 500 ids of records that exist, one field to set. */
    private static String request(int r, List<String> records) {
        StringBuilder json = new StringBuilder("{\"module\":\"Leads\",\"data\":[{\"Lead_Source\":\"Warm-up\"}],\"ids\":[");
        for (int i = 0; i < MassUpdateRequest.MAX_IDS_PER_CALL; i++) {
            json.append(i == 0 ? "\"" : ",\"").append(records.get((r * 97 + i * 13) % records.size())).append('"');
        }
        return json.append("],\"request_id\":\"warm-up-").append(r).append("\"}").toString();
    }
}
