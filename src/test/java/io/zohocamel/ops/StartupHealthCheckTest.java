package io.zohocamel.ops;

import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StartupHealthCheckTest {

    @Test
    void notReadyWhileSomethingStartsThenReadyAndNeverALivenessProblem() {
        AtomicReference<String> starting = new AtomicReference<>("Hawtio console");
        StartupHealthCheck check = new StartupHealthCheck(starting::get);
        check.setCamelContext(new DefaultCamelContext());

        HealthCheck.Result down = check.call();
        assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(down.getMessage()).contains("Hawtio console still running");
        assertThat(check.isReadiness()).isTrue();
        assertThat(check.isLiveness()).as("a slow start is no reason to restart the process").isFalse();

        starting.set(null);
        assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);
    }
}
