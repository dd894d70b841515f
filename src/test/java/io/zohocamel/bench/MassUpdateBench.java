package io.zohocamel.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.zohocamel.sandbox.SandboxSettings;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.PackagedService;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * 200 requests of 500 ids at 100 ms latency and a concurrency cap of 10: ideal 100 calls/s. The runtime
 * first takes one small burst, unmeasured (a running service), then {@code bench.bursts} measured ones.
 */
final class MassUpdateBench {

    private static final int REQUESTS = Integer.getInteger("bench.requests", 200);
    private static final int FIRST_BURST = 20;
    private static final int BURSTS = Integer.getInteger("bench.bursts", 1);
    private static final double GOAL = 0.9;

    private MassUpdateBench() {
    }

    static void run(BenchGoals goals) throws Exception {
        try (ZohoSandbox zoho = new ZohoSandbox(SandboxSettings.defaults().withLatency(Duration.ofMillis(100))
                .withConcurrencyCap(10).withJobStep(Duration.ofHours(1))).start();
             PackagedService service = new PackagedService(RuntimeRuns.realZoho(zoho), RuntimeRuns.JVM)) {
            // requests name records that exist, as a real sync does: Zoho updates them and answers success for each
            List<String> leads = new ArrayList<>(REQUESTS * 500);
            for (int i = 0; i < REQUESTS * 500; i++) {
                leads.add(zoho.putRecord("Leads", Map.of("Last_Name", "Bench " + i, "Lead_Source", "Import")));
            }
            warmUpStandIn(zoho, leads);
            service.awaitUp(Duration.ofSeconds(60));
            String password = Files.readString(service.workDir.resolve("data/secrets/broker.password")).trim();
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + service.brokerPort
                    + "?blockOnDurableSend=false", "zoho", password);
            try (Connection connection = factory.createConnection()) {
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                Burst burst = new Burst(session, leads, new Random(42));
                burst.send(0, FIRST_BURST);
                zoho.resetObservations();
                for (int b = 1; b <= BURSTS; b++) {
                    long runtimeCpu = service.cpuMillis();
                    long benchCpu = ownCpuMillis();
                    Instant startedAt = Instant.now();
                    Burst.Result result = burst.send(b, REQUESTS);
                    runtimeCpu = service.cpuMillis() - runtimeCpu;
                    benchCpu = ownCpuMillis() - benchCpu;
                    List<Instant> calls = massUpdateCalls(zoho);
                    System.out.printf(Locale.ROOT, "mass-update burst %d: first call %d ms after the first send; calls per half second %s%n",
                            b, Duration.between(startedAt, calls.get(0)).toMillis(), timeline(calls));
                    // both cores are shared: what each side spent tells whether the runtime or the machine was the limit
                    double zohoMillis = zoho.busyTime().toNanos() / 1e6;
                    System.out.printf(Locale.ROOT, "mass-update burst %d: CPU per request: runtime %.1f ms, stand-in and load generator %.1f ms"
                            + " (%.2f of %d cores busy); a call spent %.1f ms in the stand-in%n", b, (double) runtimeCpu / REQUESTS,
                            (double) benchCpu / REQUESTS, (runtimeCpu + benchCpu) / 1000.0 / result.seconds(),
                            Runtime.getRuntime().availableProcessors(), zohoMillis / calls.size());
                    double ratio = REQUESTS / result.seconds() / 100;
                    int tooMany = zoho.tooManyRequestsSent();
                    goals.add(String.format(Locale.ROOT, "%d mass updates x 500 ids, Zoho at 100 ms, 10 at once (burst %d)", REQUESTS, b),
                            String.format(Locale.ROOT, "%.2f of 100 calls/s (%.2f s), %d 429s, %d COMPLETED, runtime CPU %.1f ms/request",
                                    ratio, result.seconds(), tooMany, result.completed(), (double) runtimeCpu / REQUESTS),
                            ">= " + GOAL + ", zero 429s", ratio >= GOAL && tooMany == 0 && result.completed() == REQUESTS);
                    zoho.resetObservations();
                }
            }
        }
    }

    /** Sends requests of 500 random known ids and waits for every result. */
    private record Burst(Session session, List<String> leads, Random random) {

        record Result(double seconds, int completed) {
        }

        Result send(int burst, int requests) throws Exception {
            MessageProducer producer = session.createProducer(session.createQueue("zoho.mass-update"));
            List<String> bodies = new ArrayList<>();
            for (int r = 0; r < requests; r++) {
                StringBuilder ids = new StringBuilder();
                for (int i = 0; i < 500; i++) {
                    ids.append(i == 0 ? "\"" : ",\"").append(leads.get(random.nextInt(leads.size()))).append('"');
                }
                bodies.add("{\"module\":\"Leads\",\"data\":[{\"Lead_Source\":\"Web " + burst + "\"}],\"ids\":[" + ids
                        + "],\"request_id\":\"bench-" + burst + "-" + r + "\"}");
            }
            try (MessageConsumer results = session.createConsumer(session.createQueue("zoho.mass-update.results"))) {
                long start = System.nanoTime();
                for (String body : bodies) {
                    producer.send(session.createTextMessage(body));
                }
                int completed = 0;
                for (int r = 0; r < requests; r++) {
                    jakarta.jms.Message result = results.receive(120_000);
                    if (result == null) {
                        throw new IllegalStateException("only " + r + " results within 2 minutes");
                    }
                    completed += result.getBody(String.class).contains("\"status\":\"COMPLETED\"") ? 1 : 0;
                }
                return new Result((System.nanoTime() - start) / 1e9, completed);
            } finally {
                producer.close();
            }
        }
    }

    /** Zoho is a warm service: the stand-in answers a few hundred calls before it is measured. */
    private static void warmUpStandIn(ZohoSandbox zoho, List<String> leads) throws Exception {
        String token = zoho.mintToken();
        HttpClient http = HttpClient.newHttpClient();
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            ids.append(i == 0 ? "\"" : ",\"").append(leads.get(i)).append('"');
        }
        String body = "{\"data\":[{\"Lead_Source\":\"Web\"}],\"ids\":[" + ids + "]}";
        URI uri = URI.create(zoho.apiDomain() + "/crm/v8/Leads/actions/mass_update");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            done.add(pool.submit(() -> http.send(HttpRequest.newBuilder(uri)
                    .header("Authorization", "Zoho-oauthtoken " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding())));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        zoho.resetObservations();
    }

    private static List<Instant> massUpdateCalls(ZohoSandbox zoho) {
        return zoho.requestLog().stream().filter(r -> ZohoSandbox.MASS_UPDATE.equals(r.pattern())).map(r -> r.at()).sorted().toList();
    }

    /** Mass-update calls the stand-in answered in each half second, from the first one. */
    private static List<Integer> timeline(List<Instant> at) {
        List<Integer> buckets = new ArrayList<>();
        for (Instant t : at) {
            int b = (int) (Duration.between(at.get(0), t).toMillis() / 500);
            while (buckets.size() <= b) {
                buckets.add(0);
            }
            buckets.set(b, buckets.get(b) + 1);
        }
        return buckets;
    }

    static long ownCpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
    }
}
