package io.zohocamel.massupdate;

/** A request that can never succeed: it goes to the dead-letter queue with this reason. */
public class MassUpdateRejected extends RuntimeException {

    private final String code;
    private final String where;
    private final String requestId;

    public MassUpdateRejected(String code, String message, String where, String requestId) {
        super(message);
        this.code = code;
        this.where = where;
        this.requestId = requestId;
    }

    public static MassUpdateRejected of(MassUpdateRejection rejection, String requestId) {
        return new MassUpdateRejected(rejection.code().name(), rejection.message(), rejection.where(), requestId);
    }

    public String code() {
        return code;
    }

    public String where() {
        return where;
    }

    public String requestId() {
        return requestId;
    }
}
