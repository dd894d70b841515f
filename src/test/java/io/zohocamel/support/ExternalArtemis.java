package io.zohocamel.support;

import java.nio.file.Path;

import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/** The "external" broker of the ITs: an Artemis in the test JVM that the packaged services reach over TCP. */
public final class ExternalArtemis {

    private ExternalArtemis() {
    }

    /**
     * Starts it on {@code port}. With a {@code journal} folder it is persistent — what it held when it
     * stopped, it holds again when started on the same folder; with null it keeps nothing.
     */
    public static EmbeddedActiveMQ start(int port, Path journal) throws Exception {
        Configuration config = new ConfigurationImpl()
                .setName("external-artemis")
                .setPersistenceEnabled(journal != null)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false);
        if (journal != null) {
            config.setJournalDirectory(journal.resolve("journal").toString())
                    .setBindingsDirectory(journal.resolve("bindings").toString())
                    .setLargeMessagesDirectory(journal.resolve("large").toString())
                    .setPagingDirectory(journal.resolve("paging").toString());
        }
        config.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port + "?protocols=CORE");
        config.addAddressSetting("#", new AddressSettings()
                .setDefaultAddressRoutingType(RoutingType.ANYCAST)
                .setDefaultQueueRoutingType(RoutingType.ANYCAST)
                .setRedeliveryDelay(200)
                .setMaxDeliveryAttempts(-1));
        EmbeddedActiveMQ server = new EmbeddedActiveMQ();
        server.setConfiguration(config);
        server.start();
        return server;
    }
}
