package io.zohocamel.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Supplier;

/**
 * The body of GET /crm/bulk/{v}/write/{id}, field for field in the order of Zoho's recordings: the job as
 * created, its status, the file's counts (the rows gone through so far while it runs, the outcomes once applied)
 * and then the result's download URL.
 */
final class SandboxBulkJobDetails {

    private SandboxBulkJobDetails() {
    }

    /**
     * processed: rows gone through so far (null = the file carries no counts, as Zoho may answer for a running
     * job); while the job runs they count as added (insert, upsert) or updated (update), their outcome not yet
     * known. downloadUrl is asked for only once the job is COMPLETED (the base URL exists only while serving).
     */
    static ObjectNode of(SandboxBulkJob job, String status, Integer processed, Supplier<String> downloadUrl) {
        boolean completed = "COMPLETED".equals(status);
        SandboxBulkJob.Result result = completed ? job.result : null;
        ObjectNode root = SandboxJson.object();
        root.put("status", status);
        root.put("character_encoding", job.encoding);
        ObjectNode resource = root.putArray("resource").addObject();
        resource.put("status", status);
        resource.put("type", "data");
        resource.set("module", SandboxJson.object("id", job.moduleId, "api_name", job.module));
        if (job.findBy != null) {
            resource.put("find_by", job.findBy);
        }
        ArrayNode mappings = resource.putArray("field_mappings");
        for (SandboxBulkJob.Mapping m : job.mappings) {
            ObjectNode node = mappings.addObject();
            node.put("api_name", m.apiName());
            if (m.index() == null) {
                node.putNull("index");
            } else {
                node.put("index", m.index());
            }
            node.set("format", m.format() == null ? SandboxJson.MAPPER.nullNode() : m.format());
            node.set("find_by", m.findBy() == null ? SandboxJson.MAPPER.nullNode() : m.findBy());
            node.putNull("module");
            node.set("default_value", m.defaultValue() == null ? SandboxJson.MAPPER.nullNode() : m.defaultValue());
        }
        ObjectNode file = resource.putObject("file");
        file.put("status", status);
        file.put("name", job.file.name());
        if (result != null) {
            file.put("added_count", result.added());
            file.put("skipped_count", result.skipped());
            file.put("updated_count", result.updated());
            file.put("total_count", job.file.rowCount());
        } else if (processed != null) {
            boolean updates = "update".equals(job.operation);
            file.put("added_count", updates ? 0 : processed);
            file.put("skipped_count", 0);
            file.put("updated_count", updates ? processed : 0);
            file.put("total_count", job.file.rowCount());
        }
        if (completed) {
            resource.put("code", "COMPLETED");
        }
        root.put("id", job.id);
        if (job.callback != null) {
            root.set("callback", job.callback);
        }
        if (completed) {
            root.set("result", SandboxJson.object("download_url", downloadUrl.get()));
        }
        root.set("created_by", SandboxBulkJob.CREATED_BY);
        root.put("ignore_empty", job.ignoreEmpty);
        root.put("operation", job.operation);
        root.put("created_time", SandboxClock.format(job.createdAt));
        return root;
    }
}
