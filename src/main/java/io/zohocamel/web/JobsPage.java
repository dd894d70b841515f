package io.zohocamel.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zohocamel.common.Json;
import io.zohocamel.jobs.JobStore;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The /jobs page: every dropped file and mass-update request with its Zoho jobs, a page at a time
 * ({@link JobsSnapshot}), as JSON for {@code Accept: application/json} and as a small self-refreshing
 * HTML page for people, plus the report and error files it links to ({@link JobFiles}). Behind the
 * operator login (http.auth.user / http.auth.password), whose failures are throttled per client
 * address (http.auth.free-failures, first-block, max-block).
 */
public class JobsPage {

    private final JobStore store;
    private final BasicAuth auth;
    private final LoginThrottle throttle;
    private final JobFiles files;
    private final JobsSnapshot snapshot;

    /**
     * @param reports    reports.dir and {@code errors} error.dir: the only folders files are served from
     * @param sandboxUrl where the built-in Zoho sandbox listens, null when the runtime talks to a real org
     */
    public JobsPage(JobStore store, BasicAuth auth, LoginThrottle throttle, Path reports, Path errors, String sandboxUrl) {
        this.store = store;
        this.auth = auth;
        this.throttle = throttle;
        this.files = new JobFiles(reports, errors);
        this.snapshot = new JobsSnapshot(store, files, sandboxUrl);
    }

    /** GET /jobs[?page=N][&limit=M]: one page of files and requests, newest first. */
    public void list(Exchange exchange) throws IOException {
        Message msg = exchange.getMessage();
        if (!authorized(exchange)) {
            return;
        }
        ObjectNode json = snapshot.build(JobsSnapshot.Paging.of(msg.getHeader("page", String.class),
                msg.getHeader("limit", String.class)));
        String accept = msg.getHeader("Accept", "", String.class);
        msg.removeHeaders("*");
        msg.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        if (accept.contains("application/json") || !accept.contains("text/html")) {
            msg.setHeader(Exchange.CONTENT_TYPE, "application/json");
            msg.setBody(Json.PRETTY.writeValueAsString(json));
        } else {
            msg.setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
            msg.setBody(JobsHtml.render(json));
        }
    }

    /** GET /jobs/files/{id}/{kind}: a file's report, result, failed rows or error, looked up, never a path from the URL. */
    public void file(Exchange exchange) throws IOException {
        Message msg = exchange.getMessage();
        if (!authorized(exchange)) {
            return;
        }
        String kind = msg.getHeader("kind", "", String.class);
        long id;
        try {
            id = Long.parseLong(msg.getHeader("id", "", String.class));
        } catch (NumberFormatException e) {
            msg.removeHeaders("*");
            notFound(msg);
            return;
        }
        Optional<Path> path = store.bulkFile(id).flatMap(f -> files.find(f, kind));
        msg.removeHeaders("*");
        if (path.isEmpty()) {
            notFound(msg);
            return;
        }
        msg.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        msg.setHeader(Exchange.CONTENT_TYPE, kind.endsWith("json") ? "application/json" : "text/csv; charset=utf-8");
        msg.setHeader("Content-Disposition", ContentDisposition.attachment(path.get().getFileName().toString()));
        msg.setBody(Files.readAllBytes(path.get()));
    }

    /** The operator login, throttled per client address; a request without any login tries no password and is not counted. */
    private boolean authorized(Exchange exchange) {
        Message msg = exchange.getMessage();
        String authorization = msg.getHeader("Authorization", String.class);
        if (authorization != null) {
            String client = ClientAddress.of(exchange);
            Duration blocked = throttle.blockedFor(client);
            if (!blocked.isZero()) {
                long seconds = (blocked.toMillis() + 999) / 1000;
                msg.removeHeaders("*");
                msg.setHeader(Exchange.HTTP_RESPONSE_CODE, 429);
                msg.setHeader("Retry-After", seconds);
                msg.setHeader(Exchange.CONTENT_TYPE, "text/plain");
                msg.setBody("too many failed logins from this address: try again in " + seconds + " s");
                return false;
            }
            if (auth.accepts(authorization)) {
                throttle.succeeded(client);
                return true;
            }
            throttle.failed(client);
        }
        msg.removeHeaders("*");
        msg.setHeader(Exchange.HTTP_RESPONSE_CODE, 401);
        msg.setHeader("WWW-Authenticate", "Basic realm=\"zoho-crm-camel\", charset=\"UTF-8\"");
        msg.setHeader(Exchange.CONTENT_TYPE, "text/plain");
        msg.setBody("login required");
        return false;
    }

    private static void notFound(Message msg) {
        msg.setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
        msg.setHeader(Exchange.CONTENT_TYPE, "text/plain");
        msg.setBody("not found");
    }
}
