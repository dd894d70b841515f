package io.zohocamel.component;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** One Zoho call; see {@link ZohoOperation}. */
public class ZohoEndpoint extends DefaultEndpoint {

    private final ZohoOperation operation;
    /** Like camel-http's option: a failed answer is thrown (ZohoTransientException / ZohoRejectedException). */
    private boolean throwExceptionOnFailure = true;
    /** The module's API name when the message has no ZohoModule header ({@code zoho:insertRecords?module=Leads}). */
    private String module;

    ZohoEndpoint(String uri, ZohoComponent component, ZohoOperation operation) {
        super(uri, component);
        this.operation = operation;
    }

    @Override
    public Producer createProducer() {
        return new ZohoProducer(this, ((ZohoComponent) getComponent()).client(), operation);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("zoho:" + operation.uriName() + " is called, it does not consume");
    }

    public boolean isThrowExceptionOnFailure() {
        return throwExceptionOnFailure;
    }

    public void setThrowExceptionOnFailure(boolean throwExceptionOnFailure) {
        this.throwExceptionOnFailure = throwExceptionOnFailure;
    }

    public String getModule() {
        return module;
    }

    public void setModule(String module) {
        this.module = module;
    }
}
