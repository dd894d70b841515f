package io.zohocamel.runtime;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded ActiveMQ Artemis broker: persistent journal under data.dir, one acceptor on
 * broker.url for CORE, AMQP and STOMP clients, one user. Registered as a Camel service so it
 * stops after the routes that consume from it.
 */
public final class EmbeddedBroker extends ServiceSupport {

    private static final AtomicInteger IN_VM_IDS = new AtomicInteger();
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final String ROLE = "zoho";
    // Artemis' own catch-alls; with unlimited redelivery nothing is expected to land there
    private static final String DEAD_LETTERS = "DLQ";
    private static final String EXPIRED = "ExpiryQueue";

    private final URI url;
    private final Path dir;
    private final String user;
    private final String password;
    private final List<String> queues;
    private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();
    private final int inVmId = IN_VM_IDS.getAndIncrement(); // a runtime started again in one JVM gets its own

    public EmbeddedBroker(String brokerUrl, Path dir, String user, String password, List<String> queues) {
        this.url = URI.create(brokerUrl);
        this.dir = dir;
        this.user = user;
        this.password = password;
        this.queues = queues;
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
                .setJMXManagementEnabled(true);
        // STOMP and AMQP producers may name "/queue/x" or just "x": both reach the anycast queue x
        config.addAcceptorConfiguration("main", "tcp://" + url.getHost() + ":" + url.getPort()
                + "?protocols=CORE,AMQP,STOMP;anycastPrefix=/queue/;multicastPrefix=/topic/");
        // the runtime's own connections: in-VM, without sockets and the network codec
        config.addAcceptorConfiguration("in-vm", inVmUrl());
        config.putSecurityRoles("#", Set.of(new Role(ROLE, true, true, true, true, true, true, true, true, true, true, true, true)));
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
        for (String queue : Stream.concat(queues.stream(), Stream.of(DEAD_LETTERS, EXPIRED)).toList()) {
            config.addQueueConfiguration(QueueConfiguration.of(queue).setAddress(queue)
                    .setRoutingType(RoutingType.ANYCAST).setDurable(true));
        }
        server.setConfiguration(config);
        server.setSecurityManager(new SingleUser());
        server.start();
        LOG.info("Embedded Artemis broker listening on {} (CORE, AMQP, STOMP) for user '{}'", url, user);
    }

    @Override
    protected void doStop() throws Exception {
        server.stop();
    }

    /** Where this JVM's clients reach the broker without a socket (CORE protocol). */
    public String inVmUrl() {
        return "vm://" + inVmId;
    }

    /** Removes queues (and their addresses) made for a while, messages and all: the warm-up's. */
    public void deleteQueues(String... names) throws Exception {
        ActiveMQServer active = server.getActiveMQServer();
        for (String name : names) {
            SimpleString queue = SimpleString.of(name);
            if (active.locateQueue(queue) != null) {
                active.destroyQueue(queue, null, false, true);
            }
            if (active.getAddressInfo(queue) != null) {
                active.removeAddressInfo(queue, null, true);
            }
        }
    }

    public boolean isActive() {
        return server.getActiveMQServer() != null && server.getActiveMQServer().isActive();
    }

    /** One user with every permission: the broker belongs to this runtime and its producers. */
    private final class SingleUser implements ActiveMQSecurityManager {
        @Override
        public boolean validateUser(String u, String p) {
            return user.equals(u) && password.equals(p);
        }

        @Override
        public boolean validateUserAndRole(String u, String p, Set<Role> roles, CheckType checkType) {
            return validateUser(u, p);
        }
    }
}
