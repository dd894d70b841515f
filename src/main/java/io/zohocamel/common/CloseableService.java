package io.zohocamel.common;

import org.apache.camel.support.service.ServiceSupport;

/** Lets the Camel context close a resource (pool, server) when it stops, after the routes. */
public final class CloseableService extends ServiceSupport {

    private final AutoCloseable resource;

    public CloseableService(AutoCloseable resource) {
        this.resource = resource;
    }

    @Override
    protected void doStop() throws Exception {
        resource.close();
    }
}
