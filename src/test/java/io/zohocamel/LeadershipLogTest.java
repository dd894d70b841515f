package io.zohocamel;

import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.zohocamel.support.RuntimeTestSupport;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the start-up log says about leadership (the master: routes of the drop folder): that it was taken, once per
 * route, and no warning after it. Camel 4.18.0 re-ran each route's start task after the start had succeeded, until
 * the task's budget ran out: "The task Leadership does not have more budget to continue running", twice, a few
 * seconds after start.
 */
class LeadershipLogTest extends RuntimeTestSupport {

    /** Camel's first run of the start task comes a second after leadership, the next one backOffDelay later. */
    private static final Duration QUIET_AFTER_LEADERSHIP = Duration.ofSeconds(8);

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeanInject
    CamelContext context;

    /** Before the runtime starts (it starts before the first test), so the log is whole from the first line. */
    @BeforeAll
    void listen() {
        log.start();
        root().addAppender(log);
    }

    @AfterAll
    void stopListening() {
        root().detachAppender(log);
    }

    @Test
    void leadershipIsTakenOncePerRouteAndNothingIsWarnedAfterIt() throws Exception {
        await("leadership taken by both master: routes", Duration.ofSeconds(30), () -> started().size() >= 2);
        Thread.sleep(QUIET_AFTER_LEADERSHIP.toMillis());

        assertThat(started()).hasSize(2).anySatisfy(m -> assertThat(m).contains("inbox"))
                .anySatisfy(m -> assertThat(m).contains("scheduler://bulk-results"));
        assertThat(messages()).as("one start attempt per route").noneMatch(m -> m.contains("Attempt #2"));
        assertThat(events()).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(m -> m.contains("Leadership") || m.contains("budget"));
        assertThat(context.getRouteController().getRouteStatus("bulk-inbox").isStarted()).isTrue();
    }

    private List<String> started() {
        return messages().stream().filter(m -> m.startsWith("Leadership taken") && m.contains("success")).toList();
    }

    private List<String> messages() {
        return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** A copy taken under the appender's lock: the runtime's threads append while the test reads. */
    private List<ILoggingEvent> events() {
        synchronized (log) {
            return List.copyOf(log.list);
        }
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
