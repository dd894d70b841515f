package io.zohocamel.jobs;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import io.zohocamel.common.CloseableService;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job store (H2 file by default, PostgreSQL in production, migrated by Flyway), the poll
 * schedule, and this instance's name in job claims.
 */
public class JobStoreConfiguration implements CamelConfiguration {

    /** The registry name of this instance's name (a String). */
    public static final String INSTANCE = "instanceName";
    private static final Logger LOG = LoggerFactory.getLogger(JobStoreConfiguration.class);

    @PropertyInject("data.dir")
    private String dataDir;
    @PropertyInject("jobstore.url")
    private String url;
    @PropertyInject("jobstore.user")
    private String user;
    @PropertyInject("jobstore.password")
    private String password;
    @PropertyInject("poll.period")
    private Duration period;
    @PropertyInject("poll.max-interval")
    private Duration maxInterval;
    @PropertyInject("poll.max-age")
    private Duration maxAge;
    @PropertyInject("instance.id")
    private String instanceId;
    @PropertyInject("http.port")
    private String httpPort;

    @Override
    public void configure(CamelContext context) throws Exception {
        HikariDataSource dataSource = JobStoreDataSource.create(url, user, password, Path.of(dataDir));
        context.addService(new CloseableService(dataSource), true, false);
        context.getRegistry().bind("jobStoreDataSource", dataSource);
        JobStore store = new JobStore(dataSource, Clock.systemUTC());
        context.getRegistry().bind("jobStore", store);
        context.getRegistry().bind("pollSchedule", new PollSchedule(period, maxInterval, maxAge));
        String instance = instanceName();
        context.getRegistry().bind(INSTANCE, instance);
        // claims left by this instance before a crash or kill are its own: take them back now
        int released = store.releaseClaims(instance);
        if (released > 0) {
            LOG.info("Released {} job claim(s) left by this instance ({}) before it stopped", released, instance);
        }
    }

    /**
     * Names this instance in job claims: the same after a restart (so it can take back its own claims),
     * different for two instances (two instances on one host differ by port).
     */
    private String instanceName() {
        return instanceId == null || instanceId.isBlank()
                ? System.getenv().getOrDefault("HOSTNAME", "localhost") + ":" + httpPort : instanceId.trim();
    }
}
