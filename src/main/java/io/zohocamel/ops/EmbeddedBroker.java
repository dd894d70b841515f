package io.zohocamel.ops;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.zohocamel.common.GeneratedSecrets;

/**
 * The embedded ActiveMQ Artemis broker: persistent journal under data.dir, one acceptor on
 * broker.url for CORE, AMQP and STOMP clients, the users of {@link BrokerUsers} with the permissions of
 * {@link BrokerPermissions}. Registered as a Camel service so it stops after the routes that consume from it.
 */
public final class EmbeddedBroker extends ServiceSupport {

    private static final AtomicInteger IN_VM_IDS = new AtomicInteger();
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    /** The acceptor's address prefixes: STOMP and AMQP producers may name "/queue/x" for the anycast queue x. */
    public static final List<String> PREFIXES = List.of("/queue/", "/topic/");
    // Artemis' own catch-alls; with unlimited redelivery nothing is expected to land there
    private static final String DEAD_LETTERS = "DLQ";
    private static final String EXPIRED = "ExpiryQueue";

    private final URI url;
    private final Path dir;
    private final BrokerUsers users;
    private final BrokerQueues queues;
    private final List<Consumer<Configuration>> addOns;
    private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();
    private final int inVmId = IN_VM_IDS.getAndIncrement(); // a runtime started again in one JVM gets its own

    /** @param addOns what else the broker does (the mass-update size limit: a plugin and a divert) */
    public EmbeddedBroker(String brokerUrl, Path dir, BrokerUsers users, BrokerQueues queues,
                          List<Consumer<Configuration>> addOns) {
        this.url = URI.create(brokerUrl);
        this.dir = dir;
        this.users = users;
        this.queues = queues;
        this.addOns = List.copyOf(addOns);
    }

    @Override
    protected void doStart() throws Exception {
        Configuration config = new ConfigurationImpl()
                .setName("zoho-crm-camel")
                .setPersistenceEnabled(true)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large-messages").toString())
                .setSecurityEnabled(true)
                // Artemis lets its cluster user past every permission check, and its default password is public
                // ("CHANGE ME!!"); 2.55 already refuses that login at this acceptor (BrokerRolesTest), and a
                // password nobody knows keeps the door shut whatever a later version does (this broker has no cluster)
                .setClusterPassword(GeneratedSecrets.random())
                .setJMXManagementEnabled(true);
        config.addAcceptorConfiguration("main", "tcp://" + url.getHost() + ":" + url.getPort()
                + "?protocols=CORE,AMQP,STOMP;anycastPrefix=" + PREFIXES.get(0) + ";multicastPrefix=" + PREFIXES.get(1));
        // the runtime's own connections: in-VM, without sockets and the network codec
        config.addAcceptorConfiguration("in-vm", inVmUrl());
        config.setSecurityRoles(BrokerPermissions.of(queues));
        // Redelivery is what keeps a message through a Zoho outage: never drop, slow down instead
        config.addAddressSetting("#", new AddressSettings()
                .setDefaultAddressRoutingType(RoutingType.ANYCAST)
                .setDefaultQueueRoutingType(RoutingType.ANYCAST)
                .setMaxDeliveryAttempts(-1)
                .setRedeliveryDelay(1000)
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(60_000)
                .setDeadLetterAddress(SimpleString.of(DEAD_LETTERS))
                .setExpiryAddress(SimpleString.of(EXPIRED)));
        for (String queue : Stream.concat(queues.all().stream(), Stream.of(DEAD_LETTERS, EXPIRED)).toList()) {
            config.addQueueConfiguration(QueueConfiguration.of(queue).setAddress(queue)
                    .setRoutingType(RoutingType.ANYCAST).setDurable(true));
        }
        addOns.forEach(addOn -> addOn.accept(config));
        server.setConfiguration(config);
        server.setSecurityManager(users);
        server.start();
        LOG.info("Embedded Artemis broker listening on {} (CORE, AMQP, STOMP) for users '{}' (producers) and '{}' (admin)", url,
                users.producer(), users.admin());
    }

    @Override
    protected void doStop() throws Exception {
        server.stop();
    }

    /** Where this JVM's clients reach the broker without a socket (CORE protocol). */
    public String inVmUrl() {
        return "vm://" + inVmId;
    }

    /** The runtime's own login for its in-VM connections ({@link BrokerUsers}). */
    public String runtimeUser() {
        return BrokerUsers.RUNTIME_USER;
    }

    /** Its password: made at each start, held only in memory. */
    public String runtimePassword() {
        return users.runtimePassword();
    }

    public boolean isActive() {
        return server.getActiveMQServer() != null && server.getActiveMQServer().isActive();
    }
}
