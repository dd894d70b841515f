package io.zohocamel;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import io.zohocamel.bulk.BulkChunks;
import io.zohocamel.bulk.BulkFolders;
import io.zohocamel.bulk.BulkIntake;
import io.zohocamel.bulk.BulkReports;
import io.zohocamel.bulk.ChunkerSettings;
import io.zohocamel.bulk.CsvChunker;
import io.zohocamel.bulk.CsvWarmUp;
import io.zohocamel.bulk.ResultMerger;
import io.zohocamel.jobs.CallbackHandler;
import io.zohocamel.jobs.JdbcTokenStore;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.jobs.JobTracker;
import io.zohocamel.jobs.JobsPage;
import io.zohocamel.jobs.PollSchedule;
import io.zohocamel.massupdate.MassUpdateCalls;
import io.zohocamel.massupdate.MassUpdateDeadLetters;
import io.zohocamel.massupdate.MassUpdateIntake;
import io.zohocamel.massupdate.MassUpdateParser;
import io.zohocamel.massupdate.MassUpdateResultPublisher;
import io.zohocamel.massupdate.MassUpdateWarmUp;
import io.zohocamel.massupdate.OversizedRequests;
import io.zohocamel.jobs.JobStoreDataSource;
import io.zohocamel.runtime.BasicAuth;
import io.zohocamel.runtime.BrokerQueues;
import io.zohocamel.runtime.BrokerUsers;
import io.zohocamel.runtime.BusinessServer;
import io.zohocamel.runtime.CloseableService;
import io.zohocamel.runtime.DependencyHealthCheck;
import io.zohocamel.runtime.EmbeddedBroker;
import io.zohocamel.runtime.GeneratedSecrets;
import io.zohocamel.runtime.HawtioConsole;
import io.zohocamel.runtime.LoginThrottle;
import io.zohocamel.runtime.PrivateFiles;
import io.zohocamel.runtime.RuntimeMetrics;
import io.zohocamel.runtime.Settings;
import io.zohocamel.runtime.StartupHealthCheck;
import io.zohocamel.runtime.WarmUp;
import io.zohocamel.sandbox.SandboxSettings;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.zoho.OAuthTokenManager;
import io.zohocamel.zoho.Sleeper;
import io.zohocamel.zoho.TokenStore;
import io.zohocamel.zoho.ZohoCallLimiter;
import io.zohocamel.zoho.ZohoClient;
import io.zohocamel.zoho.ZohoSettings;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.support.service.ServiceHelper;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the runtime's beans from the settings, in the order they depend on each other:
 * secrets, broker, job store, Zoho (sandbox or real), then what the routes call. The order matters
 * (the JMS component needs a running broker, the client needs the sandbox's address), which is why
 * this is one explicit configure method rather than independent bean factories.
 */
public class RuntimeConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(context);
        Path dataDir = Path.of(settings.string("data.dir", "data")).toAbsolutePath().normalize();
        // first: everything created from here on (store, journal, folders, reports) is the service user's only
        PrivateFiles.apply(dataDir);
        GeneratedSecrets secrets = new GeneratedSecrets(dataDir);
        BulkFolders folders = BulkFolders.of(folder(settings, dataDir, "inbox"), folder(settings, dataDir, "done"),
                folder(settings, dataDir, "error"), folder(settings, dataDir, "reports"));
        for (Path folder : List.of(folders.inbox(), folders.done(), folders.error(), folders.reports())) {
            Files.createDirectories(folder);
        }

        cluster(context, settings, dataDir);
        JobStore jobStore = jobStore(context, settings, dataDir);
        EmbeddedBroker broker = broker(context, settings, dataDir, secrets);
        jms(context, settings, secrets, broker);
        ZohoClient zoho = zoho(context, settings, jobStore);
        PollSchedule schedule = new PollSchedule(settings.duration("poll.period", Duration.ofSeconds(10)),
                settings.duration("poll.max-interval", Duration.ofMinutes(5)), settings.duration("poll.max-age", Duration.ofHours(24)));
        int calls = settings.integer("zoho.max-concurrent-calls", 10);
        ExecutorServiceManager executors = context.getExecutorServiceManager();
        context.getRegistry().bind("pollExecutor", executors.newFixedThreadPool(this, "job-poller", calls));
        // twice the call slots: a thread reading one answer must not keep the next call from taking the slot
        context.getRegistry().bind("zohoCallExecutor", executors.newFixedThreadPool(this, "zoho-calls", 2 * calls));

        String instance = instanceId(settings);
        // claims left by this instance before a crash or kill are its own: take them back now
        int released = jobStore.releaseClaims(instance);
        if (released > 0) {
            LOG.info("Released {} job claim(s) left by this instance ({}) before it stopped", released, instance);
        }
        JobTracker tracker = new JobTracker(jobStore, zoho, schedule, Clock.systemUTC(), instance,
                settings.integer("poll.batch-size", 500), settings.duration("poll.lease", Duration.ofMinutes(2)).toMillis());
        context.getRegistry().bind("jobTracker", tracker);
        context.getRegistry().bind("callbackHandler", new CallbackHandler(callbackSecret(secrets), jobStore));
        WarmUp warmUp = bulk(context, settings, dataDir, folders, jobStore, zoho, schedule, secrets);
        String operator = settings.string("http.auth.user", "admin");
        String operatorPassword = secrets.resolve("http.password", settings.string("http.auth.password", null), "console");
        BasicAuth operatorLogin = new BasicAuth(operator, operatorPassword);
        context.getRegistry().bind("operatorLogin", operatorLogin);
        LoginThrottle loginThrottle = new LoginThrottle(settings.integer("http.auth.free-failures", 5),
                settings.duration("http.auth.first-block", Duration.ofSeconds(1)),
                settings.duration("http.auth.max-block", Duration.ofMinutes(15)), Clock.systemUTC());
        context.getRegistry().bind("jobsPage", new JobsPage(jobStore, operatorLogin, loginThrottle, folders.reports()));
        MassUpdateParser parser = massUpdate(context, settings, jobStore, zoho, schedule);
        WarmUp massUpdateWarmUp = massUpdateWarmUp(context, settings, broker, parser, schedule);
        HawtioConsole console = console(context, settings, dataDir, operator, operatorPassword);

        ActiveMQConnectionFactory brokerCheck = broker == null ? brokerCheckFactory(settings, secrets) : null;
        if (brokerCheck != null) {
            context.addService(new CloseableService(brokerCheck::close), true, false);
        }
        context.addStartupListener((ctx, alreadyStarted) -> {
            if (alreadyStarted) {
                return; // a route added later (the mass-update warm-up's): all this is done once, at start
            }
            BusinessServer.harden(ctx);
            fetchTokenInBackground(executors, zoho);
            new RuntimeMetrics(jobStore).bind(ctx);
            HealthCheckRegistry health = HealthCheckRegistry.get(ctx);
            if (health == null) {
                return;
            }
            health.register(new DependencyHealthCheck("job-store",
                    () -> jobStore.isReachable() ? null : "job store unreachable at " + settings.string("jobstore.url", "")));
            health.register(new DependencyHealthCheck("broker", () -> brokerProblem(broker, brokerCheck)));
            health.register(new DependencyHealthCheck("zoho-auth", tracker::authProblem));
            health.register(new StartupHealthCheck(() -> warmUp.isRunning() ? "warm-up of the CSV path"
                    : massUpdateWarmUp.isRunning() ? "warm-up of mass updates"
                    : console != null && console.isStarting() ? "Hawtio console" : null));
        });
    }

    /**
     * The first request should not wait for an access token: one is fetched (or the stored one reused)
     * as soon as the routes run, off the startup path. A refusal is only logged here; the first call
     * meets it again and the job tracker reports it on the health check.
     */
    private void fetchTokenInBackground(ExecutorServiceManager executors, ZohoClient zoho) {
        java.util.concurrent.ExecutorService once = executors.newSingleThreadExecutor(this, "zoho-token");
        once.execute(() -> {
            try {
                zoho.tokenManager().accessToken();
            } catch (RuntimeException e) {
                LOG.warn("No Zoho access token at start: {}", e.getMessage());
            } finally {
                executors.shutdown(once);
            }
        });
    }

    /** inbox.dir, done.dir, ...: as set, or under data.dir. */
    private static String folder(Settings settings, Path dataDir, String name) {
        return settings.string(name + ".dir", dataDir.resolve(name).toString());
    }

    /** The drop folder's beans; returns the warm-up of its CSV path, started here. */
    private static WarmUp bulk(CamelContext context, Settings settings, Path dataDir, BulkFolders folders, JobStore jobStore,
                               ZohoClient zoho, PollSchedule schedule, GeneratedSecrets secrets) throws IOException {
        ChunkerSettings defaults = ChunkerSettings.defaults();
        CsvChunker chunker = new CsvChunker(defaults.withParallelism(settings.integer("bulk.parallelism", 2))
                .withCompressionLevel(settings.integer("bulk.compression-level", defaults.compressionLevel())));
        CsvWarmUp.deleteLeftovers(dataDir);
        WarmUp warmUp = settings.bool("bulk.warm-up", true)
                ? WarmUp.start("the CSV path", () -> CsvWarmUp.run(chunker, dataDir)) : WarmUp.NONE;
        BulkReports reports = new BulkReports(jobStore, zoho, folders, new ResultMerger(),
                Long.parseLong(settings.string("bulk.max-result-bytes", "1073741824")));
        String publicUrl = settings.string("http.public-url", null);
        String callbackUrl = publicUrl == null ? null
                : publicUrl.replaceAll("/+$", "") + "/zoho/callback/" + callbackSecret(secrets);
        context.getRegistry().bind("bulkReports", reports);
        context.getRegistry().bind("bulkChunks", new BulkChunks(jobStore, zoho, schedule, callbackUrl));
        context.getRegistry().bind("bulkIntake", new BulkIntake(jobStore, chunker, folders, reports,
                context.createProducerTemplate(), settings.integer("bulk.parallel-uploads", 3)));
        return warmUp;
    }

    /** The mass-update routes' beans; returns the requests' parser. */
    private static MassUpdateParser massUpdate(CamelContext context, Settings settings, JobStore jobStore, ZohoClient zoho,
                                               PollSchedule schedule) {
        Set<String> custom = new LinkedHashSet<>();
        for (String module : settings.string("massupdate.custom-modules", "").split(",")) {
            if (!module.isBlank()) {
                custom.add(module.trim());
            }
        }
        MassUpdateParser parser = new MassUpdateParser(custom);
        context.getRegistry().bind("massUpdateIntake", new MassUpdateIntake(parser, jobStore));
        context.getRegistry().bind("massUpdateCalls", new MassUpdateCalls(zoho, jobStore, schedule,
                settings.integer("massupdate.already-scheduled-retries", 10)));
        context.getRegistry().bind("massUpdateDeadLetters", new MassUpdateDeadLetters(jobStore));
        context.getRegistry().bind("massUpdateResultPublisher", new MassUpdateResultPublisher(jobStore));
        return parser;
    }

    /**
     * The mass-update warm-up, with the embedded broker only (it makes a queue there for a while). It runs a
     * second instance of the intake route, so it starts once the routes run.
     */
    private static WarmUp massUpdateWarmUp(CamelContext context, Settings settings, EmbeddedBroker broker,
                                           MassUpdateParser parser, PollSchedule schedule) throws Exception {
        if (broker == null) {
            return WarmUp.NONE;
        }
        MassUpdateWarmUp.deleteLeftovers(broker);
        if (!settings.bool("massupdate.warm-up", true)) {
            return WarmUp.NONE;
        }
        CountDownLatch routesRun = new CountDownLatch(1);
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext ctx, boolean alreadyStarted) {
                // called before the routes start
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext ctx, boolean alreadyStarted) {
                routesRun.countDown();
            }
        });
        return WarmUp.start("mass updates", () -> routesRun.await(5, TimeUnit.MINUTES)
                ? MassUpdateWarmUp.run(context, broker, parser, schedule, Duration.ofSeconds(30)) : null);
    }

    /** Hawtio on its own port, behind the same operator login as /jobs; started and stopped with the context. Null when off. */
    private static HawtioConsole console(CamelContext context, Settings settings, Path dataDir, String user, String password)
            throws Exception {
        if (!settings.bool("hawtio.enabled", true)) {
            return null;
        }
        HawtioConsole console = new HawtioConsole(settings.string("hawtio.bind-address", "127.0.0.1"),
                settings.integer("hawtio.port", 8081), user, password, dataDir.resolve("hawtio"));
        context.addService(console, true, false);
        return console;
    }

    private static String callbackSecret(GeneratedSecrets secrets) {
        return secrets.resolve("callback.secret", null, "Zoho callback");
    }

    /**
     * Names this instance in job claims: the same after a restart (so it can take back its own claims),
     * different for two instances (two instances on one host differ by port).
     */
    private static String instanceId(Settings settings) {
        String host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        return settings.string("instance.id", host + ":" + settings.string("http.port", "8080"));
    }

    /**
     * The drop folder is consumed by one instance at a time: the bulk routes start from
     * {@code master:<namespace>:...}, and this service decides who leads. Leadership is a file lock
     * under cluster.root, which must be on the volume every instance shares with the inbox; when the
     * leader dies the OS releases its lock and another instance takes over within
     * cluster.acquire-lock-interval. (Camel Main has no properties for cluster services, hence here;
     * on Kubernetes the lease-based KubernetesClusterService from camel-kubernetes is the alternative.)
     */
    private static void cluster(CamelContext context, Settings settings, Path dataDir) throws Exception {
        Path root = Path.of(settings.string("cluster.root", dataDir.resolve("cluster").toString())).toAbsolutePath().normalize();
        Files.createDirectories(root);
        FileLockClusterService cluster = new FileLockClusterService();
        cluster.setId("zoho-crm-camel");
        cluster.setRoot(root.toString());
        cluster.setAcquireLockDelay(settings.duration("cluster.acquire-lock-delay", Duration.ofMillis(200)).toMillis(),
                TimeUnit.MILLISECONDS);
        cluster.setAcquireLockInterval(settings.duration("cluster.acquire-lock-interval", Duration.ofSeconds(2)).toMillis(),
                TimeUnit.MILLISECONDS);
        context.addService(cluster);
    }

    private static JobStore jobStore(CamelContext context, Settings settings, Path dataDir) throws Exception {
        String url = settings.string("jobstore.url", "jdbc:h2:file:" + dataDir.resolve("jobs"));
        HikariDataSource dataSource = JobStoreDataSource.create(url, settings.string("jobstore.user", null),
                settings.string("jobstore.password", null), dataDir);
        context.getRegistry().bind("jobStoreDataSource", dataSource);
        JobStore jobStore = new JobStore(dataSource, Clock.systemUTC());
        context.getRegistry().bind("jobStore", jobStore);
        context.addService(new CloseableService(dataSource), true, false);
        return jobStore;
    }

    private static EmbeddedBroker broker(CamelContext context, Settings settings, Path dataDir, GeneratedSecrets secrets)
            throws Exception {
        if (!settings.bool("broker.embedded", true)) {
            return null;
        }
        BrokerUsers users = new BrokerUsers(settings.string("broker.user", "zoho"), brokerPassword(settings, secrets),
                settings.string("broker.admin-user", "admin"),
                secrets.resolve("broker.admin-password", settings.string("broker.admin-password", null), "broker admin"));
        String requests = settings.string("massupdate.queue", "zoho.mass-update");
        String deadLetters = settings.string("massupdate.dlq", "zoho.mass-update.dlq");
        BrokerQueues queues = new BrokerQueues(requests,
                List.of(settings.string("massupdate.results-queue", "zoho.mass-update.results"), deadLetters),
                MassUpdateWarmUp.PRIVATE_QUEUES);
        OversizedRequests oversized = new OversizedRequests(requests, deadLetters, MassUpdateParser.DEFAULT_MAX_BODY_BYTES,
                EmbeddedBroker.PREFIXES);
        EmbeddedBroker broker = new EmbeddedBroker(settings.string("broker.url", "tcp://127.0.0.1:61616"),
                dataDir.resolve("broker"), users, queues, List.of(oversized::addTo));
        // started now, before any route connects; stopped by the context after the routes
        ServiceHelper.startService(broker);
        context.addService(broker, true, false);
        return broker;
    }

    private static void jms(CamelContext context, Settings settings, GeneratedSecrets secrets, EmbeddedBroker broker)
            throws Exception {
        // the embedded broker is reached in-VM as the runtime's own user (producers use broker.url as broker.user);
        // an external one at broker.url as broker.user
        String url = broker != null ? broker.inVmUrl() : settings.string("broker.url", "tcp://127.0.0.1:61616");
        String user = broker != null ? broker.runtimeUser() : settings.string("broker.user", "zoho");
        String password = broker != null ? broker.runtimePassword() : brokerPassword(settings, secrets);
        // keep reconnecting through a broker restart rather than failing the consumers
        String clientUrl = url.contains("?") ? url
                : url + "?reconnectAttempts=-1&retryInterval=1000&retryIntervalMultiplier=2&maxRetryInterval=30000"
                        // a call never waits forever for a broker that is being reconnected to
                        + "&callTimeout=30000&callFailoverTimeout=30000"
                        // no prefetch: a consumer busy with a 100 ms Zoho call must not hold messages an idle one could take
                        + "&consumerWindowSize=0"
                        // a 500-id result (~50 K characters, twice that as a JMS text) stays a plain message rather
                        // than a large-message file; still far below the journal's ~490 KB record limit
                        + "&minLargeMessageSize=262144"
                        // a queue is looked up at the broker once, not at every send (a round trip each)
                        + "&cacheDestinations=true";
        ActiveMQConnectionFactory artemis = new ActiveMQConnectionFactory(clientUrl, user, password);
        JmsPoolConnectionFactory pool = new JmsPoolConnectionFactory();
        pool.setConnectionFactory(artemis);
        pool.setMaxConnections(2);
        pool.setMaxSessionsPerConnection(100);
        JmsComponent jms = new JmsComponent();
        jms.setConnectionFactory(pool);
        context.addComponent("jms", jms);
        context.getRegistry().bind("jmsConnectionFactory", pool);
        context.addService(new CloseableService(pool::stop), true, false);
    }

    /** For the health check: one attempt, a short wait, no reconnecting. */
    private static ActiveMQConnectionFactory brokerCheckFactory(Settings settings, GeneratedSecrets secrets) {
        String url = settings.string("broker.url", "tcp://127.0.0.1:61616");
        String base = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        return new ActiveMQConnectionFactory(base + "?reconnectAttempts=0&initialConnectAttempts=1&callTimeout=5000&connectionTTL=10000",
                settings.string("broker.user", "zoho"), brokerPassword(settings, secrets));
    }

    private static String brokerPassword(Settings settings, GeneratedSecrets secrets) {
        return secrets.resolve("broker.password", settings.string("broker.password", null), "broker");
    }

    private static String brokerProblem(EmbeddedBroker broker, ConnectionFactory direct) {
        if (broker != null) {
            return broker.isActive() ? null : "embedded broker is not running";
        }
        // a new connection, not one from the pool: a pooled connection waiting to reconnect looks fine
        try (Connection connection = direct.createConnection()) {
            return null;
        } catch (Exception e) {
            return "broker unreachable: " + e.getMessage();
        }
    }

    private static ZohoClient zoho(CamelContext context, Settings settings, JobStore jobStore) throws Exception {
        String refreshToken = settings.string("zoho.refresh-token", null);
        boolean sandbox = settings.bool("zoho.sandbox", refreshToken == null);
        String version = settings.string("zoho.api-version", "v8");
        String accountsUrl = settings.string("zoho.accounts-url", "https://accounts.zoho.com");
        String apiDomain = settings.string("zoho.api-domain", "https://www.zohoapis.com");
        String uploadUrl = settings.string("zoho.upload-url", "https://content.zohoapis.com/crm/" + version + "/upload");
        String clientId = settings.string("zoho.client-id", null);
        String clientSecret = settings.string("zoho.client-secret", null);
        String orgId = settings.string("zoho.org-id", null);
        if (sandbox) {
            ZohoSandbox zohoSandbox = new ZohoSandbox(new SandboxSettings(
                    settings.integer("zoho.sandbox.port", 0),
                    settings.duration("zoho.sandbox.latency", Duration.ZERO),
                    settings.decimal("zoho.sandbox.rate-429", 0.0),
                    settings.decimal("zoho.sandbox.rate-500", 0.0),
                    settings.duration("zoho.sandbox.token-lifetime", Duration.ofHours(1)),
                    settings.integer("zoho.sandbox.concurrency-cap", 10),
                    settings.duration("zoho.sandbox.job-step", Duration.ofSeconds(2))));
            zohoSandbox.start();
            context.addService(new CloseableService(zohoSandbox::stop), true, false);
            context.getRegistry().bind("zohoSandbox", zohoSandbox);
            accountsUrl = zohoSandbox.accountsUrl();
            apiDomain = zohoSandbox.apiDomain();
            uploadUrl = zohoSandbox.uploadUrl(version);
            clientId = "sandbox-client";
            clientSecret = "sandbox-secret";
            refreshToken = "sandbox-refresh-token";
            orgId = orgId == null ? "sandbox-org" : orgId;
            LOG.warn("Running against the built-in Zoho SANDBOX at {}: nothing reaches a real Zoho org. "
                    + "Set zoho.refresh-token, zoho.client-id and zoho.client-secret to use your org.", zohoSandbox.baseUrl());
        } else {
            LOG.info("Running against Zoho at {} (accounts {}, uploads {})", apiDomain, accountsUrl, uploadUrl);
        }
        ZohoSettings zoho = new ZohoSettings(accountsUrl, apiDomain, uploadUrl, version, clientId, clientSecret,
                refreshToken, orgId, settings.integer("zoho.max-concurrent-calls", 10),
                settings.duration("zoho.connect-timeout", Duration.ofSeconds(10)),
                settings.duration("zoho.read-timeout", Duration.ofSeconds(60)),
                settings.integer("zoho.max-retries", 5),
                settings.duration("zoho.retry-initial-delay", Duration.ofSeconds(1)),
                settings.duration("zoho.retry-max-delay", Duration.ofSeconds(60)),
                settings.duration("zoho.token-refresh-margin", Duration.ofMinutes(5)),
                10, Duration.ofMinutes(10));
        context.getRegistry().bind("zohoSettings", zoho);
        ZohoCallLimiter limiter = new ZohoCallLimiter(zoho.maxConcurrentCalls());
        HttpClient http = ZohoClient.newHttpClient(zoho);
        // the token lives in the job store: every instance on it shares one token and one refresh budget
        TokenStore tokenStore = new JdbcTokenStore(jobStore.dataSource(), accountsUrl, clientId, refreshToken, instanceId(settings),
                Clock.systemUTC());
        OAuthTokenManager tokens = new OAuthTokenManager(zoho, http, Clock.systemUTC(), tokenStore,
                RuntimeMetrics.tokenListener());
        ZohoClient client = new ZohoClient(zoho, tokens, limiter, http, Sleeper.REAL);
        context.addService(new CloseableService(client), true, false);
        context.getRegistry().bind("zohoTokens", tokens);
        context.getRegistry().bind("zohoLimiter", limiter);
        context.getRegistry().bind("zohoClient", client);
        return client;
    }
}
