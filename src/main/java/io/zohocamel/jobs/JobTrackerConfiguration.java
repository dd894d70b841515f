package io.zohocamel.jobs;

import java.time.Clock;
import java.time.Duration;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

/** The job poller's beans: the tracker and the threads that ask Zoho about due jobs. */
public class JobTrackerConfiguration implements CamelConfiguration {

    @PropertyInject("poll.batch-size")
    private int batchSize;
    @PropertyInject("poll.lease")
    private Duration lease;
    @PropertyInject("zoho.max-concurrent-calls")
    private int maxConcurrentCalls;

    @Override
    public void configure(CamelContext context) throws Exception {
        PollSchedule schedule = context.getRegistry().findSingleByType(PollSchedule.class);
        // the job-poller timer's period, derived from poll.period (not a setting of its own)
        context.getPropertiesComponent().addOverrideProperty("poll.tick", schedule.tickMs() + "ms");
        JobTracker tracker = new JobTracker(context.getRegistry().findSingleByType(JobStore.class), schedule, Clock.systemUTC(),
                context.getRegistry().lookupByNameAndType(JobStoreConfiguration.INSTANCE, String.class), batchSize,
                lease.toMillis());
        context.getRegistry().bind("jobTracker", tracker);
        context.getRegistry().bind("pollExecutor",
                context.getExecutorServiceManager().newFixedThreadPool(this, "job-poller", maxConcurrentCalls));
    }
}
