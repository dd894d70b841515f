package io.zohocamel.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zohocamel.web.BasicAuth;
import io.zohocamel.web.ClientAddress;
import io.zohocamel.web.LoginThrottle;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.jobs.TrackedJob;
import io.zohocamel.jobs.MassUpdateRecord;
import io.zohocamel.jobs.BulkFile;
import io.zohocamel.common.Json;

/**
 * The /jobs page: every dropped file and mass-update request with its Zoho jobs, as JSON for
 * {@code Accept: application/json} and as a small self-refreshing HTML page for people, plus the
 * report files it links to. Behind the operator login (http.auth.user / http.auth.password), whose
 * failures are throttled per client address (http.auth.free-failures, first-block, max-block).
 */
public class JobsPage {

    private static final int LIMIT = 200;

    private final JobStore store;
    private final BasicAuth auth;
    private final LoginThrottle throttle;
    private final Path reports;

    public JobsPage(JobStore store, BasicAuth auth, LoginThrottle throttle, Path reports) {
        this.store = store;
        this.auth = auth;
        this.throttle = throttle;
        this.reports = reports;
    }

    public void list(Exchange exchange) throws IOException {
        Message msg = exchange.getMessage();
        if (!authorized(exchange)) {
            return;
        }
        ObjectNode json = snapshot();
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
            notFound(msg);
            return;
        }
        Optional<Path> path = store.bulkFile(id).flatMap(f -> reportFile(f, kind));
        msg.removeHeaders("*");
        if (path.isEmpty() || !Files.isRegularFile(path.get())) {
            notFound(msg);
            return;
        }
        msg.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        msg.setHeader(Exchange.CONTENT_TYPE, kind.endsWith("json") ? "application/json" : "text/csv; charset=utf-8");
        msg.setHeader("Content-Disposition", ContentDisposition.attachment(path.get().getFileName().toString()));
        msg.setBody(Files.readAllBytes(path.get()));
    }

    private Optional<Path> reportFile(BulkFile f, String kind) {
        if (f.reportName() == null) {
            return Optional.empty();
        }
        Path dir = reports.resolve(f.module()).resolve(f.operation());
        return switch (kind) {
            case "report.json" -> Optional.of(dir.resolve(f.reportName() + ".report.json"));
            case "result.csv" -> Optional.of(dir.resolve(f.reportName() + ".result.csv"));
            case "failed.csv" -> Optional.of(dir.resolve(f.reportName() + ".failed.csv"));
            case "error.json" -> Optional.ofNullable(f.location()).map(Path::of)
                    .map(p -> p.resolveSibling(p.getFileName().toString().replaceAll("(?i)\\.csv$", "") + ".error.json"));
            default -> Optional.empty();
        };
    }

    ObjectNode snapshot() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode files = root.putArray("files");
        for (BulkFile f : store.recentBulkFiles(LIMIT)) {
            ObjectNode node = files.addObject();
            node.put("id", f.id());
            node.put("file", f.fileName());
            node.put("module", f.module());
            node.put("operation", f.operation());
            node.put("status", f.status());
            node.put("rows", f.rowsTotal());
            node.put("chunks", f.chunksTotal());
            if (f.message() != null) {
                node.put("message", f.message());
            }
            List<TrackedJob> jobs = store.jobsOfFile(f.id());
            node.put("jobs_finished", jobs.stream().filter(TrackedJob::isFinished).count());
            ArrayNode list = node.putArray("jobs");
            jobs.forEach(j -> list.add(job(j)));
            ObjectNode links = node.putObject("links");
            for (String kind : List.of("report.json", "result.csv", "failed.csv", "error.json")) {
                if (reportFile(f, kind).filter(Files::isRegularFile).isPresent()) {
                    links.put(kind, "/jobs/files/" + f.id() + "/" + kind);
                }
            }
        }
        ArrayNode requests = root.putArray("mass_updates");
        for (MassUpdateRecord r : store.recentMassUpdates(LIMIT)) {
            ObjectNode node = requests.addObject();
            node.put("request_id", r.requestId());
            node.put("module", r.module());
            node.put("kind", r.kind());
            node.put("status", r.status());
            node.put("zoho_job_id", r.zohoJobId());
            if (r.zohoJobId() != null) {
                store.jobByZohoId(r.zohoJobId()).ifPresent(j -> node.set("job", job(j)));
            }
            if (r.result() != null) {
                try {
                    JsonNode result = Json.MAPPER.readTree(r.result());
                    // the status the results queue got (COMPLETED, PARTIAL, FAILED, LOST...), not only "published"
                    node.put("status", result.path("status").asText(r.status()));
                    node.set("summary", result.path("summary"));
                } catch (IOException unreadable) {
                    // the stored result is shown by the results queue; the page just skips it
                }
            }
        }
        return root;
    }

    private static ObjectNode job(TrackedJob j) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("chunk", j.chunkIndex() == null ? null : j.chunkIndex() + 1);
        node.put("rows", j.rowCount());
        node.put("zoho_job_id", j.zohoJobId());
        node.put("status", j.status());
        node.put("zoho_status", j.zohoStatus());
        node.put("total", j.counts().total());
        node.put("added", j.counts().added());
        node.put("updated", j.counts().updated());
        node.put("skipped", j.counts().skipped());
        node.put("failed", j.counts().failed());
        if (j.message() != null) {
            node.put("message", j.message());
        }
        return node;
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
