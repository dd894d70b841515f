package io.zohocamel.massupdate;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.zohocamel.jobs.JobStore;
import io.zohocamel.jobs.PollSchedule;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

/** The mass-update routes' beans. */
public class MassUpdateConfiguration implements CamelConfiguration {

    @PropertyInject("massupdate.custom-modules")
    private String customModules;
    @PropertyInject("massupdate.already-scheduled-retries")
    private int alreadyScheduledRetries;

    @Override
    public void configure(CamelContext context) throws Exception {
        JobStore store = context.getRegistry().findSingleByType(JobStore.class);
        Set<String> custom = Arrays.stream(customModules == null ? new String[0] : customModules.split(","))
                .map(String::trim).filter(module -> !module.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
        context.getRegistry().bind("massUpdateIntake", new MassUpdateIntake(new MassUpdateParser(custom), store));
        context.getRegistry().bind("massUpdateCalls", new MassUpdateCalls(store, context.getRegistry().findSingleByType(PollSchedule.class), alreadyScheduledRetries));
        context.getRegistry().bind("massUpdateDeadLetters", new MassUpdateDeadLetters(store));
        OversizedRequests oversized = context.getRegistry().lookupByNameAndType(OversizedRequests.BEAN, OversizedRequests.class);
        if (oversized != null) {
            // a request the embedded broker dead-letters unread (BODY_TOO_LARGE) is listed on /jobs like any other refusal
            oversized.onDeadLettered(rejection -> store.massUpdateDeadLettered(rejection.requestId() != null
                    ? rejection.requestId() : "unnamed-" + UUID.randomUUID(), null, null, rejection.code(), rejection.message(),
                    store.now()));
        }
        context.getRegistry().bind("massUpdateResultPublisher", new MassUpdateResultPublisher(store));
    }
}
