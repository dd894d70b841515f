package io.zohocamel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.zohocamel.jobs.JobStore;
import io.zohocamel.sandbox.SandboxLoggedRequest;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.RuntimeTestSupport;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * More jobs due than one batch holds: the poller takes batch after batch in the same tick instead of
 * one batch per poll.period, and still asks about each job once.
 */
class JobPollerBacklogTest extends RuntimeTestSupport {

    private static final int JOBS = 23;

    @BeanInject
    ZohoSandbox sandbox;

    @BeanInject
    JobStore jobStore;

    @BeanInject
    CamelContext context;

    @Override
    protected Map<String, String> settings() {
        // one tick every 5 s, 5 jobs a batch: without the loop, 23 jobs would take 5 ticks (20 s)
        return Map.of("poll.period", "5s", "poll.batch-size", "5", "zoho.sandbox.job-step", "1h");
    }

    @Test
    void aBacklogLargerThanABatchIsAskedAboutInOneTick() throws Exception {
        long dueAt = jobStore.now() + 2_000; // all due at the same moment, whenever the seeding ends
        for (int i = 0; i < JOBS; i++) {
            String jobId = String.valueOf(4_150_868_007_000_000L + i);
            sandbox.seedMassUpdateJob(jobId, "Leads", "4150868000000087001", Map.of("Rating", "Hot"), false);
            jobStore.massUpdateJob("Leads", "backlog-" + i, jobId, dueAt, 60_000);
        }
        await("every job asked about", Duration.ofSeconds(20), () -> statusCalls().size() >= JOBS);
        List<Instant> at = statusCalls().stream().map(SandboxLoggedRequest::at).sorted().toList();
        assertThat(Duration.between(at.get(0), at.get(JOBS - 1))).as("all batches in one tick")
                .isLessThan(Duration.ofSeconds(3));
        Thread.sleep(1_000);
        assertThat(statusCalls()).as("each job once: its next poll is a minute away").hasSize(JOBS);
        // and the loop ends once a batch is not full: the ticks go on completing (a loop that kept asking
        // the job store for more would hold the first tick forever)
        ManagedRouteMBean poller = context.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class)
                .getManagedRoute("job-poller");
        long completed = poller.getExchangesCompleted();
        await("the next tick to complete", Duration.ofSeconds(12), () -> poller.getExchangesCompleted() > completed);
    }

    private List<SandboxLoggedRequest> statusCalls() {
        return sandbox.requestLog().stream()
                .filter(r -> "GET".equals(r.method()) && ZohoSandbox.MASS_UPDATE.equals(r.pattern())).toList();
    }
}
