package io.zohocamel.ops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.prometheus.MicrometerPrometheus;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;

/**
 * /observe/metrics on the management server, for every Prometheus client. Camel 4.18's own scraper declares
 * its content type with parameters as the Vert.x route's {@code produces}, and Vert.x then matches only an
 * Accept header carrying the very same parameters: {@code Accept: text/plain} (curl, Datadog, most agents)
 * and {@code Accept: application/openmetrics-text} got 406. Hence camel.management.metrics-enabled = false
 * and this handler on the same path, which never refuses: OpenMetrics 1.0.0 when the client names it (as
 * Prometheus does, and as Camel's scraper answers it), Prometheus text 0.0.4 otherwise.
 */
public final class PrometheusScrape implements Handler<RoutingContext> {

    static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    private PrometheusScrape(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    /** Serves Camel's Prometheus registry on camel.metrics.path of the management server; call once both are started. */
    public static void serve(CamelContext context) {
        ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
        MicrometerPrometheus metrics = context.hasService(MicrometerPrometheus.class);
        PrometheusMeterRegistry registry = context.getRegistry().findSingleByType(PrometheusMeterRegistry.class);
        if (server == null || server.getRouter() == null || metrics == null || registry == null) {
            return;
        }
        // the scrape reads the job store (RuntimeMetrics' gauges): off the event loop
        server.getRouter().route(metrics.getPath()).method(HttpMethod.GET).blockingHandler(new PrometheusScrape(registry));
        PlatformHttpComponent http = context.getComponent("platform-http", PlatformHttpComponent.class);
        if (http != null) {
            http.addHttpManagementEndpoint(metrics.getPath(), "GET", null, TEXT + "," + OPENMETRICS, null);
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        String accept = ctx.request().getHeader("Accept");
        String type = accept != null && accept.contains("application/openmetrics-text") ? OPENMETRICS : TEXT;
        ByteArrayOutputStream body = new ByteArrayOutputStream(32 * 1024);
        try {
            registry.scrape(body, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ctx.response().putHeader("Content-Type", type).putHeader("Vary", "Accept").end(Buffer.buffer(body.toByteArray()));
    }
}
