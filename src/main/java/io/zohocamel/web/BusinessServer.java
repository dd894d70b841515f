package io.zohocamel.web;

import java.time.Duration;
import java.util.Locale;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.zohocamel.common.LogLimit;

/**
 * Two things Camel's platform-http (4.18) leaves to the Vert.x router of the business server (http.port):
 * <ul>
 * <li>A multipart body (a file upload) is refused with 415 before anything reads it. Nothing here takes
 * uploads, and Camel's body handler lets Vert.x write every uploaded file to disk whatever
 * camel.server.file-upload-enabled says: off only drops Camel's folder, and Vert.x then uses
 * ./file-uploads in the working directory. (Reading the body with a handler of our own ahead of Camel's
 * is no way out: Camel's then resumes a request already read, which fails on HTTP/2.)</li>
 * <li>A request Vert.x fails (a form field over its 8 KB limit, a body over camel.server.max-body-size,
 * a malformed path) gets its 4xx and one short WARN line at most once a minute, instead of an ERROR and a
 * stack trace each time. The line names the method, the client and the exception's type, never the path
 * (the callback's holds its secret) nor an exception's message (it may quote the request).</li>
 * </ul>
 */
public final class BusinessServer implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(BusinessServer.class);

    private final LogLimit logLimit = new LogLimit(Duration.ofMinutes(1));

    private BusinessServer() {
    }

    /** Installs both on the business server's router, when camel.server.enabled made one; call once it is started. */
    public static void harden(CamelContext context) {
        for (VertxPlatformHttpRouter router : context.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            if (!router.isMainServer()) {
                continue;
            }
            // before every route's body handler (the routes' orders count from 0)
            router.route().order(-1).handler(BusinessServer::refuseUploads);
            BusinessServer failures = new BusinessServer();
            router.route().order(-1).failureHandler(failures);
            // failures Vert.x meets before any handler (a path it cannot decode) skip the failure handlers and go to
            // the error handlers of the router matching: Camel's routes' router or the server's outer one
            failures.errorHandlers(router);
            HttpServer server = router.getServer().getServer();
            if (server != null && server.requestHandler() instanceof Router outer) {
                failures.errorHandlers(outer);
            }
        }
    }

    private static void refuseUploads(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type != null && type.trim().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            ctx.fail(415);
        } else {
            ctx.next();
        }
    }

    /** An error handler is not told its failure nor the status it is for: one per status. */
    private void errorHandlers(Router router) {
        for (int status : new int[] {400, 500}) {
            router.errorHandler(status, ctx -> answer(ctx, status, ctx.failure()));
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        answer(ctx, ctx.statusCode() >= 400 ? ctx.statusCode()
                : failure instanceof HttpException http ? http.getStatusCode() : 500, failure);
    }

    private void answer(RoutingContext ctx, int status, Throwable failure) {
        log(ctx, status, failure);
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            response.reset(); // too late for a status: the client sees the answer cut short
            return;
        }
        String reason = HttpResponseStatus.valueOf(status).reasonPhrase();
        response.setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(reason);
    }

    private void log(RoutingContext ctx, int status, Throwable failure) {
        long count = logLimit.admit();
        if (count == 0) {
            return;
        }
        long others = count - 1;
        LOG.warn("Refused {} from {}: {} {}{}{}", ctx.request().method(), ClientAddress.of(ctx.request()), status,
                HttpResponseStatus.valueOf(status).reasonPhrase(), failure == null ? "" : " (" + failure.getClass().getSimpleName() + ")",
                others == 0 ? "" : "; " + others + " more refused since the last such line");
    }
}
