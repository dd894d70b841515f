package io.zohocamel.massupdate;

/**
 * A request that can never succeed: the mass-update routes' error handler sends it to the dead-letter queue
 * with its {@link #rejection()}. A refusal, not a fault: it carries no stack trace.
 */
public class MassUpdateRejected extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient MassUpdateRejection rejection;

    public MassUpdateRejected(MassUpdateRejection rejection) {
        super(rejection.message(), null, false, false);
        this.rejection = rejection;
    }

    /** The runtime's own refusal at {@code where}; the request is named when the body is known to be refused. */
    static MassUpdateRejected of(MassUpdateRejection.Code code, String where, String message) {
        return new MassUpdateRejected(new MassUpdateRejection(code, where, message));
    }

    public MassUpdateRejection rejection() {
        return rejection;
    }
}
