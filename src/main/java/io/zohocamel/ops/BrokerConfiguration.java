package io.zohocamel.ops;

import java.nio.file.Path;
import java.util.List;

import io.zohocamel.common.CloseableService;
import io.zohocamel.common.GeneratedSecrets;
import io.zohocamel.massupdate.MassUpdateParser;
import io.zohocamel.massupdate.OversizedRequests;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.service.ServiceHelper;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;

/**
 * The broker the mass-update routes consume from: the embedded Artemis (started here, before any
 * route connects; stopped by the context after the routes) or an external one at broker.url; and
 * the {@code jms} component the routes use, with its health check.
 */
public class BrokerConfiguration implements CamelConfiguration {

    @PropertyInject("data.dir")
    private String dataDir;
    @PropertyInject("broker.embedded")
    private boolean embedded;
    @PropertyInject("broker.url")
    private String url;
    @PropertyInject("broker.user")
    private String user;
    @PropertyInject("broker.password")
    private String password;
    @PropertyInject("broker.admin-user")
    private String adminUser;
    @PropertyInject("broker.admin-password")
    private String adminPassword;
    @PropertyInject("massupdate.queue")
    private String requests;
    @PropertyInject("massupdate.results-queue")
    private String results;
    @PropertyInject("massupdate.dlq")
    private String deadLetters;
    @PropertyInject("bulk.events-queue")
    private String bulkEvents;

    @Override
    public void configure(CamelContext context) throws Exception {
        Path data = Path.of(dataDir).toAbsolutePath().normalize();
        GeneratedSecrets secrets = new GeneratedSecrets(data);
        String brokerPassword = secrets.resolve("broker.password", password, "broker");
        EmbeddedBroker broker = embedded ? embeddedBroker(context, data, secrets, brokerPassword) : null;
        // the embedded broker is reached in-VM as the runtime's own user (producers use broker.url as broker.user);
        // an external one at broker.url as broker.user
        jms(context, broker != null ? broker.inVmUrl() : url, broker != null ? broker.runtimeUser() : user,
                broker != null ? broker.runtimePassword() : brokerPassword);
        ActiveMQConnectionFactory check = broker == null ? checkFactory(brokerPassword) : null;
        if (check != null) {
            context.addService(new CloseableService(check::close), true, false);
        }
        context.addStartupListener((ctx, alreadyStarted) -> {
            HealthCheckRegistry health = HealthCheckRegistry.get(ctx);
            if (health != null) {
                health.register(new DependencyHealthCheck("broker", () -> problem(broker, check)));
            }
        });
    }

    private EmbeddedBroker embeddedBroker(CamelContext context, Path data, GeneratedSecrets secrets, String brokerPassword)
            throws Exception {
        BrokerUsers users = new BrokerUsers(user, brokerPassword, adminUser,
                secrets.resolve("broker.admin-password", adminPassword, "broker admin"));
        BrokerQueues queues = new BrokerQueues(requests, List.of(results, deadLetters, bulkEvents));
        OversizedRequests oversized = new OversizedRequests(requests, deadLetters, MassUpdateParser.DEFAULT_MAX_BODY_BYTES,
                EmbeddedBroker.PREFIXES);
        context.getRegistry().bind(OversizedRequests.BEAN, oversized); // the mass-update wiring lists what it dead-letters
        EmbeddedBroker broker = new EmbeddedBroker(url, data.resolve("broker"), users, queues, List.of(oversized::addTo));
        ServiceHelper.startService(broker);
        context.addService(broker, true, false);
        return broker;
    }

    private static void jms(CamelContext context, String url, String user, String password) throws Exception {
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
        JmsPoolConnectionFactory pool = new JmsPoolConnectionFactory();
        pool.setConnectionFactory(new ActiveMQConnectionFactory(clientUrl, user, password));
        pool.setMaxConnections(2);
        pool.setMaxSessionsPerConnection(100);
        JmsComponent jms = new JmsComponent();
        jms.setConnectionFactory(pool);
        // what the results and dead letters say to STOMP and AMQP consumers: a content type, no null property
        jms.setHeaderFilterStrategy(NonJmsConsumerProperties.headerFilter());
        jms.setMessageCreatedStrategy(new NonJmsConsumerProperties());
        context.addComponent("jms", jms);
        context.getRegistry().bind("jmsConnectionFactory", pool);
        context.addService(new CloseableService(pool::stop), true, false);
    }

    /** For the health check of an external broker: one attempt, a short wait, no reconnecting. */
    private ActiveMQConnectionFactory checkFactory(String brokerPassword) {
        String base = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        return new ActiveMQConnectionFactory(base + "?reconnectAttempts=0&initialConnectAttempts=1&callTimeout=5000&connectionTTL=10000",
                user, brokerPassword);
    }

    private static String problem(EmbeddedBroker broker, ConnectionFactory direct) {
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
}
