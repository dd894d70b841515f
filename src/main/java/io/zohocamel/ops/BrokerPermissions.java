package io.zohocamel.ops;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;

import static org.apache.activemq.artemis.core.security.CheckType.BROWSE;
import static org.apache.activemq.artemis.core.security.CheckType.CONSUME;
import static org.apache.activemq.artemis.core.security.CheckType.CREATE_ADDRESS;
import static org.apache.activemq.artemis.core.security.CheckType.CREATE_DURABLE_QUEUE;
import static org.apache.activemq.artemis.core.security.CheckType.SEND;

/**
 * What each role of {@link BrokerUsers} may do on each address of the embedded broker: an allow-list, one
 * entry per address, and nothing anywhere else but for the admin (Artemis takes the most specific match, so
 * {@code #} only covers what no entry names: the management address, Artemis' own DLQ and ExpiryQueue, any
 * other name). Producers send requests and read outcomes; the runtime consumes requests and sends outcomes;
 * only the admin manages (destroys, purges, creates queues, or sends to {@code activemq.management}).
 */
public final class BrokerPermissions {

    private BrokerPermissions() {
    }

    /**
     * @param queues the mass-update queues and the runtime's private ones
     * @return Artemis' security settings: address match → the roles allowed there
     */
    public static Map<String, Set<Role>> of(BrokerQueues queues) {
        Map<String, Set<Role>> matches = new LinkedHashMap<>();
        matches.put("#", Set.of(admin()));
        matches.put(queues.requests(), Set.of(admin(),
                role(BrokerUsers.PRODUCER, SEND),
                role(BrokerUsers.RUNTIME, CONSUME)));
        for (String outcomes : queues.outcomes()) {
            matches.put(outcomes, Set.of(admin(),
                    role(BrokerUsers.PRODUCER, CONSUME, BROWSE),
                    role(BrokerUsers.RUNTIME, SEND)));
        }
        return matches;
    }

    private static Role admin() {
        return role(BrokerUsers.ADMIN, CheckType.values());
    }

    private static Role role(String name, CheckType... allowed) {
        Set<CheckType> may = allowed.length == 0 ? EnumSet.noneOf(CheckType.class) : EnumSet.copyOf(List.of(allowed));
        return new Role(name, may.contains(SEND), may.contains(CONSUME), may.contains(CREATE_DURABLE_QUEUE),
                may.contains(CheckType.DELETE_DURABLE_QUEUE), may.contains(CheckType.CREATE_NON_DURABLE_QUEUE),
                may.contains(CheckType.DELETE_NON_DURABLE_QUEUE), may.contains(CheckType.MANAGE), may.contains(BROWSE),
                may.contains(CREATE_ADDRESS), may.contains(CheckType.DELETE_ADDRESS), may.contains(CheckType.VIEW),
                may.contains(CheckType.EDIT));
    }
}
