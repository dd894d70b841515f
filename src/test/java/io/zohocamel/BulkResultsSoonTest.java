package io.zohocamel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.zohocamel.jobs.BulkFile;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.jobs.TrackedJob;
import io.zohocamel.support.RuntimeTestSupport;
import org.apache.camel.BeanInject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file's result.csv comes as soon as the poller sees its last job end (bulk-results looks at every poller
 * tick, a second here), not at the next poll.period (10 s). Two files half a period apart: a round every
 * poll.period would keep one of them waiting at least 2.5 s, whatever its phase.
 */
class BulkResultsSoonTest extends RuntimeTestSupport {

    @BeanInject
    JobStore jobStore;

    @Override
    protected Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>(QUICK_BULK);
        settings.put("poll.period", "10s");
        return settings;
    }

    @Test
    void resultsComeWithinATickOfTheLastJobsEnd() throws Exception {
        drop("Leads/insert/first.csv", "Last_Name,Email\nA,a@example.com\n");
        Thread.sleep(5_000);
        drop("Leads/insert/second.csv", "Last_Name,Email\nB,b@example.com\n");

        for (String name : new String[] {"first", "second"}) {
            Path result = dataDir.resolve("reports/Leads/insert/" + name + ".result.csv");
            await(name + ".result.csv", Duration.ofSeconds(60), () -> Files.exists(result));
            BulkFile file = jobStore.recentBulkFiles(10).stream().filter(f -> f.fileName().equals(name + ".csv"))
                    .findFirst().orElseThrow();
            TrackedJob job = jobStore.jobsOfFile(file.id()).get(0);
            long afterEnd = Files.getLastModifiedTime(result).toMillis() - job.finishedAt();
            assertThat(afterEnd).as("%s.result.csv %d ms after its job was seen to end", name, afterEnd)
                    .isLessThan(2_500);
        }
    }
}
