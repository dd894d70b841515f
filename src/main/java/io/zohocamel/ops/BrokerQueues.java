package io.zohocamel.ops;

import java.util.List;
import java.util.stream.Stream;

/**
 * The embedded broker's queues by who uses them.
 *
 * @param requests producers send, the runtime consumes (massupdate.queue)
 * @param outcomes the runtime sends, producers read (massupdate.results-queue, massupdate.dlq, bulk.events-queue)
 */
public record BrokerQueues(String requests, List<String> outcomes) {

    public BrokerQueues {
        outcomes = List.copyOf(outcomes);
    }

    /** Every queue the broker makes at start. */
    public List<String> all() {
        return Stream.concat(Stream.of(requests), outcomes.stream()).toList();
    }
}
