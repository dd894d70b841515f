package io.zohocamel.ops;

import java.util.Map;
import java.util.function.Supplier;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * A readiness and liveness check for one thing the runtime depends on (broker, job store, Zoho
 * auth). The probe answers null when healthy, or the reason it is not: that reason is what
 * /observe/health shows the operator.
 */
public final class DependencyHealthCheck extends AbstractHealthCheck {

    private final Supplier<String> problem;

    public DependencyHealthCheck(String id, Supplier<String> problem) {
        super("zoho-crm-camel", id);
        this.problem = problem;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String reason;
        try {
            reason = problem.get();
        } catch (RuntimeException e) {
            reason = e.getMessage();
        }
        if (reason == null) {
            builder.up();
        } else {
            builder.message(reason).detail("reason", reason).down();
        }
    }
}
