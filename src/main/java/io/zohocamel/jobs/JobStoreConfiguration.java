package io.zohocamel.jobs;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import io.zohocamel.common.CloseableService;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job store (H2 file by default, PostgreSQL in production, migrated by Flyway), the poll
 * schedule, this instance's name in job claims, and the ledger of Zoho API credits kept in the store.
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
    @PropertyInject("zoho.daily-credit-budget")
    private String dailyCreditBudget;
    @PropertyInject("zoho.credits-exhausted-max-pause")
    private Duration creditsExhaustedMaxPause;

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
        CreditLedger credits = new CreditLedger(dataSource, Clock.systemUTC(), budget(), creditsExhaustedMaxPause, instance);
        // stopped before the data source (services stop in reverse): the last second's credits are written
        context.addService(new CloseableService(credits), true, false);
        context.addService(new CloseableService(new CreditMetrics(credits)), true, false);
        context.getRegistry().bind("creditLedger", credits);
        // the sums of a second are written by the next second's first call; this writes them when none comes,
        // so the other instances see them within about a second
        context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "credit-ledger")
                .scheduleWithFixedDelay(() -> {
                    try {
                        credits.flush();
                    } catch (RuntimeException e) {
                        LOG.warn("Credit ledger not written: {}", e.getMessage());
                    }
                }, 1, 1, TimeUnit.SECONDS);
    }

    /** zoho.daily-credit-budget: empty is none. */
    private Long budget() {
        if (dailyCreditBudget == null || dailyCreditBudget.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(dailyCreditBudget.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("zoho.daily-credit-budget must be a whole number of credits or empty (none), is "
                    + dailyCreditBudget.trim());
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
