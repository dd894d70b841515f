package io.zohocamel.web;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zohocamel.common.Json;
import io.zohocamel.jobs.BulkFile;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.jobs.MassUpdateRecord;
import io.zohocamel.jobs.TrackedJob;

/**
 * What /jobs shows, one page of it: every dropped file and every mass-update request, refused ones too,
 * newest arrival first, each with when it arrived and how long it took; and which Zoho the runtime talks
 * to. The JSON answer as it is, and what the HTML page is rendered from.
 */
final class JobsSnapshot {

    /** Rows of each list on a page unless ?limit= says otherwise, and the most it may say. */
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final int MAX_PAGE = 1_000_000;

    private final JobStore store;
    private final JobFiles files;
    private final String sandboxUrl;

    /** @param sandboxUrl where the built-in sandbox listens, null when the runtime talks to a real Zoho org */
    JobsSnapshot(JobStore store, JobFiles files, String sandboxUrl) {
        this.store = store;
        this.files = files;
        this.sandboxUrl = sandboxUrl;
    }

    /** The page asked for, from ?page= (from 1) and ?limit=; anything else is read as the nearest sane value. */
    record Paging(int page, int limit) {

        static Paging of(String page, String limit) {
            return new Paging(clamp(page, 1, 1, MAX_PAGE), clamp(limit, DEFAULT_LIMIT, 1, MAX_LIMIT));
        }

        int offset() {
            return (page - 1) * limit;
        }

        String link(int to) {
            return "/jobs?page=" + to + "&limit=" + limit;
        }

        private static int clamp(String value, int fallback, int min, int max) {
            try {
                return Math.max(min, Math.min(max, Integer.parseInt(value == null ? "" : value.trim())));
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
    }

    ObjectNode build(Paging paging) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("sandbox", sandboxUrl != null);
        if (sandboxUrl != null) {
            root.put("zoho", "the built-in Zoho sandbox at " + sandboxUrl + ", not a real Zoho org: nothing reaches Zoho");
        }
        // one more row than shown: whether an older page exists
        List<BulkFile> fileRows = store.bulkFilesPage(paging.offset(), paging.limit() + 1);
        List<MassUpdateRecord> requestRows = store.massUpdatesPage(paging.offset(), paging.limit() + 1);
        ObjectNode page = root.putObject("page");
        page.put("number", paging.page());
        page.put("limit", paging.limit());
        page.put("newer", paging.page() > 1 ? paging.link(paging.page() - 1) : null);
        page.put("older", fileRows.size() > paging.limit() || requestRows.size() > paging.limit()
                ? paging.link(paging.page() + 1) : null);
        ArrayNode fileList = root.putArray("files");
        fileRows.stream().limit(paging.limit()).forEach(f -> fileList.add(file(f)));
        ArrayNode requests = root.putArray("mass_updates");
        requestRows.stream().limit(paging.limit()).forEach(r -> requests.add(request(r)));
        return root;
    }

    private ObjectNode file(BulkFile f) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", f.id());
        node.put("file", f.fileName());
        node.put("module", f.module());
        node.put("operation", f.operation());
        node.put("status", f.status());
        node.put("code", f.errorCode());
        node.put("arrived_at", Instant.ofEpochMilli(f.createdAt()).toString());
        node.put("took_ms", f.tookMillis());
        node.put("rows", f.rowsTotal());
        node.put("chunks", f.chunksTotal());
        if (f.message() != null) {
            node.put("message", f.message());
        }
        List<TrackedJob> jobs = f.checksum() == null ? List.of() : store.jobsOfFile(f.id()); // a refused file has none
        node.put("jobs_finished", jobs.stream().filter(TrackedJob::isFinished).count());
        ArrayNode list = node.putArray("jobs");
        jobs.forEach(j -> list.add(job(j)));
        ObjectNode links = node.putObject("links");
        for (String kind : JobFiles.KINDS) {
            if (files.find(f, kind).isPresent()) {
                links.put(kind, "/jobs/files/" + f.id() + "/" + kind);
            }
        }
        return node;
    }

    private ObjectNode request(MassUpdateRecord r) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("request_id", r.requestId());
        node.put("module", r.module());
        node.put("kind", r.kind());
        node.put("status", r.status());
        node.put("code", r.errorCode());
        node.put("arrived_at", Instant.ofEpochMilli(r.createdAt()).toString());
        node.put("took_ms", r.tookMillis());
        if (r.message() != null) {
            node.put("message", r.message());
        }
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
        return node;
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
}
