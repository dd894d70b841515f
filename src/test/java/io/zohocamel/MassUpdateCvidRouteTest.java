package io.zohocamel;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.zohocamel.jobs.MassUpdateRecord;
import io.zohocamel.sandbox.ZohoSandbox;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cvid requests through the queue: scheduled once, followed by the poller to the end and reported, and
 * retried while Zoho runs another job on the same view.
 */
class MassUpdateCvidRouteTest extends MassUpdateRouteTestSupport {

    @Test
    void cvidRequestIsScheduledPolledToCompletionAndReported() throws Exception {
        List<String> ids = seed("Accounts", 5, "Rating", "Cold");
        int before = massUpdateCalls();
        send(cvidRequest("Accounts", "cvid-1", "Rating", "Hot", "4150868000000087501"));

        JsonNode result = result("cvid-1");
        assertThat(result.path("kind").asText()).isEqualTo("cvid");
        assertThat(result.path("module").asText()).isEqualTo("Accounts");
        assertThat(result.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(result.path("job_id").asText()).isNotBlank();
        int total = sandbox.records("Accounts").size();
        assertThat(result.path("summary").path("total").asInt()).isEqualTo(total);
        assertThat(result.path("summary").path("updated").asInt()).isEqualTo(total);
        assertThat(result.path("summary").path("failed").asInt()).isZero();
        assertThat(massUpdateCalls() - before).as("one scheduling call").isEqualTo(1);
        assertThat(sandbox.calls("GET", ZohoSandbox.MASS_UPDATE)).as("job status polled").isPositive();
        assertThat(sandbox.records("Accounts")).filteredOn(r -> ids.contains(r.get("id")))
                .hasSize(5).allSatisfy(r -> assertThat(r).containsEntry("Rating", "Hot"));
        assertThat(jobStore.massUpdateRequest("cvid-1")).get()
                .satisfies(r -> assertThat(r.status()).isEqualTo(MassUpdateRecord.COMPLETED));
        assertThat(noMoreResultsFor("cvid-1")).as("one result per request").isTrue();
    }

    @Test
    void alreadyScheduledIsRetriedLaterThenDeadLetteredPastTheBound() throws Exception {
        String cvid = "4150868000000090001";
        int before = massUpdateCalls();
        // two jobs on one view at once: the second gets ALREADY_SCHEDULED and is delivered again later
        send(cvidRequest("Campaigns", "busy-1", "Status", "Active", cvid));
        send(cvidRequest("Campaigns", "busy-2", "Status", "Complete", cvid));
        assertThat(result("busy-1").path("status").asText()).isEqualTo("COMPLETED");
        assertThat(result("busy-2").path("status").asText()).isEqualTo("COMPLETED");
        assertThat(massUpdateCalls() - before).as("one call refused as ALREADY_SCHEDULED").isGreaterThanOrEqualTo(3);
        assertThat(consumer.receive(selecting(DLQ, "busy-2"), 200)).isNull();

        // a job that outlasts massupdate.already-scheduled-retries (2): the waiting request is dead-lettered
        String otherCvid = "4150868000000090002";
        sandbox.setJobStep(Duration.ofSeconds(3));
        try {
            send(cvidRequest("Campaigns", "long-1", "Status", "Planning", otherCvid));
            await("long-1 scheduled", WAIT, () -> jobStore.massUpdateRequest("long-1")
                    .map(r -> MassUpdateRecord.SCHEDULED.equals(r.status())).orElse(false));
        } finally {
            sandbox.setJobStep(Duration.ofMillis(300));
        }
        String waiting = cvidRequest("Campaigns", "long-2", "Status", "Inactive", otherCvid);
        send(waiting);
        Exchange dead = deadLetter("long-2");
        assertDeadLetter(dead, "ALREADY_SCHEDULED", waiting);
        assertThat(dead.getMessage().getHeader("MassUpdateRejectWhere", String.class)).isEqualTo("$.cvid");
        assertThat(dead.getMessage().getHeader("MassUpdateRejectMessage", String.class)).contains("gave up after 3 attempts");
    }
}
