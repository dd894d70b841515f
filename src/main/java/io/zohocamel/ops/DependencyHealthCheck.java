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
    private final String note;

    public DependencyHealthCheck(String id, Supplier<String> problem) {
        this(id, problem, null);
    }

    /**
     * @param note what the operator should know while the check is up (the message of an up check, shown by
     *             /observe/health?exposureLevel=full), such as which Zoho the runtime talks to; also a detail
     */
    public DependencyHealthCheck(String id, Supplier<String> problem, String note) {
        super("zoho-crm-camel", id);
        this.problem = problem;
        this.note = note;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String reason;
        try {
            reason = problem.get();
        } catch (RuntimeException e) {
            reason = e.getMessage();
        }
        if (note != null) {
            builder.detail("note", note);
        }
        if (reason == null) {
            if (note != null) {
                builder.message(note);
            }
            builder.up();
        } else {
            builder.message(reason).detail("reason", reason).down();
        }
    }
}
