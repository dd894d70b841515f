package io.zohocamel;

import java.util.List;
import java.util.function.Supplier;

import io.zohocamel.bulk.BulkConfiguration;
import io.zohocamel.component.ZohoConfiguration;
import io.zohocamel.jobs.JobStoreConfiguration;
import io.zohocamel.jobs.JobTrackerConfiguration;
import io.zohocamel.massupdate.MassUpdateConfiguration;
import io.zohocamel.ops.BrokerConfiguration;
import io.zohocamel.ops.OpsConfiguration;
import io.zohocamel.web.WebConfiguration;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelBeanPostProcessor;
import org.apache.camel.support.PluginHelper;

/**
 * The features' wiring, in the order they depend on each other: private files and the console
 * first, then the broker (running before any route connects), the job store, the Zoho client (its
 * token lives in the job store), and what the routes call. Each feature's configuration gets its
 * settings injected ({@code @PropertyInject}) as Camel Main does for its own configuration classes;
 * the defaults live only in config/application.properties.
 */
public class RuntimeConfiguration implements CamelConfiguration {

    static final List<Supplier<CamelConfiguration>> FEATURES = List.of(OpsConfiguration::new, BrokerConfiguration::new,
            JobStoreConfiguration::new, ZohoConfiguration::new, JobTrackerConfiguration::new, BulkConfiguration::new,
            MassUpdateConfiguration::new, WebConfiguration::new);

    @Override
    public void configure(CamelContext context) throws Exception {
        CamelBeanPostProcessor injector = PluginHelper.getBeanPostProcessor(context);
        for (Supplier<CamelConfiguration> feature : FEATURES) {
            CamelConfiguration configuration = feature.get();
            String name = configuration.getClass().getName();
            injector.postProcessBeforeInitialization(configuration, name);
            injector.postProcessAfterInitialization(configuration, name);
            configuration.configure(context);
        }
    }
}
