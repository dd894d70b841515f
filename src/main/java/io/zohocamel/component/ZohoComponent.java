package io.zohocamel.component;

import java.util.Map;

import io.zohocamel.zoho.ZohoClient;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code zoho:<operation>}: each Zoho CRM call a route makes is an endpoint of its own (with its own
 * statistics in Hawtio), over the one {@link ZohoClient} (shared token, shared call limiter), the way
 * camel-salesforce gives routes {@code salesforce:updateSObject}.
 */
public class ZohoComponent extends DefaultComponent {

    private final ZohoClient client;

    public ZohoComponent(ZohoClient client) {
        this.client = client;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ZohoEndpoint endpoint = new ZohoEndpoint(uri, this, ZohoOperation.of(remaining));
        setProperties(endpoint, parameters);
        return endpoint;
    }

    ZohoClient client() {
        return client;
    }
}
