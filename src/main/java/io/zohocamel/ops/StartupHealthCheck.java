package io.zohocamel.ops;

import java.util.Map;
import java.util.function.Supplier;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness only: DOWN while what starts in the background (the Hawtio console) is still
 * starting, so work sent once the runtime is UP does not share the CPU with its start. A console
 * that fails to start does not keep it DOWN (that is logged); liveness never depends on this.
 */
public final class StartupHealthCheck extends AbstractHealthCheck {

    private final Supplier<String> starting;

    /** @param starting what is still starting, or null once everything has */
    public StartupHealthCheck(Supplier<String> starting) {
        super("zoho-crm-camel", "start-up");
        this.starting = starting;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String what = starting.get();
        if (what == null) {
            builder.up();
        } else {
            builder.message(what + " still running").detail("starting", what).down();
        }
    }
}
