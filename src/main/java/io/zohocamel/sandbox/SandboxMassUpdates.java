package io.zohocamel.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Mass update: by ids (applied at once, one result per id in request order) or by custom view (a scheduled
 * job SCHEDULED → RUNNING → COMPLETED, one jobStep each, then the value is written to every record of the
 * module: the sandbox treats every cvid as "all records"). Validation errors come back the way Zoho really
 * sends them: HTTP 200 with the error in data[0]; ALREADY_SCHEDULED / LIMIT_EXCEEDED / INVALID_MODULE at top
 * level with HTTP 400.
 */
final class SandboxMassUpdates {

    static final int MAX_IDS = 500;
    /** Zoho ids (cvids included) are 18-19 digit numbers; the recorded INVALID_DATA (cvid) sends 17 digits. */
    static final Pattern ZOHO_ID = Pattern.compile("\\d{18,19}");
    static final ObjectNode USER = SandboxJson.object("name", "Patricia Boyle", "id", "4150868000000225013");
    /** Multi-line fields, refused like email and lookup fields. */
    static final Set<String> MULTI_LINE_FIELDS = Set.of("Description");

    static final class MassJob {
        final String id;
        final String module;
        final String cvid;
        final Map<String, String> values;
        final Instant createdAt;
        final Duration step;
        final boolean fail;
        /** Frozen at completion: [total, updated, notUpdated, failed]. */
        int[] finalCounts;

        MassJob(String id, String module, String cvid, Map<String, String> values, Instant createdAt, Duration step,
                boolean fail) {
            this.id = id;
            this.module = module;
            this.cvid = cvid;
            this.values = values;
            this.createdAt = createdAt;
            this.step = step;
            this.fail = fail;
        }

        Instant completesAt() {
            return createdAt.plus(step.multipliedBy(2));
        }
    }

    private final SandboxIds ids;
    private final SandboxClock clock;
    private final SandboxRecords records;
    private final Map<String, MassJob> jobs = new LinkedHashMap<>();
    private volatile Duration step;
    private volatile boolean failJobs;

    SandboxMassUpdates(SandboxIds ids, SandboxClock clock, SandboxRecords records, Duration step) {
        this.ids = ids;
        this.clock = clock;
        this.records = records;
        this.step = step;
    }

    void setStep(Duration value) {
        step = value;
    }

    /** New cvid jobs end FAILED (Failed_Count = total, nothing written) while this is on. */
    void setFailJobs(boolean value) {
        failJobs = value;
    }

    // ------------------------------------------------------------------------------------------ POST

    SandboxResponse post(String module, SandboxRequest request) {
        JsonNode body = SandboxJson.parse(request.body());
        if (body == null || !body.isObject()) {
            return SandboxErrors.error(400, "INVALID_DATA", "the request body is not valid JSON", null);
        }
        return post(module, body, null);
    }

    /** forcedJobId lets tests give a scheduled job a known id; null = fresh id. */
    SandboxResponse post(String module, JsonNode body, String forcedJobId) {
        JsonNode data = body.get("data");
        if (data == null || !data.isArray() || data.isEmpty() || !data.get(0).isObject()) {
            return SandboxErrors.inData("MANDATORY_NOT_FOUND", "required field not found",
                    SandboxJson.object("api_name", "data"));
        }
        ObjectNode fieldsNode = (ObjectNode) data.get(0);
        if (fieldsNode.isEmpty()) {
            return SandboxErrors.inData("INVALID_DATA", "No field found", null);
        }
        int maxFields = "Deals".equals(module) ? 3 : 1;
        Map<String, String> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = fieldsNode.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = e.getKey();
            if (values.size() == maxFields) {
                return fieldError(field, "Only " + maxFields + " field(s) can be updated in one Mass Update");
            }
            JsonNode value = e.getValue();
            boolean objectValue = value.isObject() || value.isArray() && value.elements().hasNext()
                    && value.get(0).isContainerNode();
            if (!records.hasField(module, field) || SandboxRecords.EMAIL_FIELDS.contains(field)
                    || SandboxRecords.isLookup(module, field) || MULTI_LINE_FIELDS.contains(field) || objectValue) {
                return fieldError(field, "This field cannot be updated in the Mass Update");
            }
            values.put(field, asText(value));
        }
        JsonNode idsNode = body.get("ids");
        JsonNode cvidNode = body.get("cvid");
        if (idsNode != null && !idsNode.isNull()) {
            return byIds(module, idsNode, values);
        }
        if (cvidNode == null || cvidNode.isNull()) {
            return SandboxErrors.inData("MANDATORY_NOT_FOUND", "required field not found", null);
        }
        String cvid = SandboxJson.text(cvidNode);
        if (cvid == null || !ZOHO_ID.matcher(cvid).matches()) {
            return SandboxErrors.inData("INVALID_DATA", "the cvid given seems to be invalid",
                    SandboxJson.object("api_name", "cvid", "json_path", "$.data[0].cvid"));
        }
        JsonNode territory = body.get("territory");
        if (territory != null && !territory.isNull()) {
            String territoryId = SandboxJson.text(territory.get("id"));
            if (territoryId == null || !ZOHO_ID.matcher(territoryId).matches()) {
                return SandboxErrors.inData("INVALID_DATA", "the territory given seems to be invalid",
                        SandboxJson.object("api_name", "territory", "json_path", "$.data[0].territory"));
            }
        }
        return schedule(module, cvid, values, forcedJobId, failJobs);
    }

    private static SandboxResponse fieldError(String field, String message) {
        return SandboxErrors.inData("INVALID_DATA", message,
                SandboxJson.object("api_name", field, "json_path", "$.data[0]." + field));
    }

    /** Multi-select lists are stored the way Zoho's CSV exports them: values joined by ';'. */
    private static String asText(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(v -> parts.add(v.asText()));
            return String.join(";", parts);
        }
        return value.asText();
    }

    private SandboxResponse byIds(String module, JsonNode idsNode, Map<String, String> values) {
        if (!idsNode.isArray() || idsNode.isEmpty()) {
            return SandboxErrors.inData("MANDATORY_NOT_FOUND", "required field not found",
                    SandboxJson.object("api_name", "ids"));
        }
        if (idsNode.size() > MAX_IDS) {
            return SandboxErrors.error(400, "LIMIT_EXCEEDED", "the number of ids exceeds the limit of " + MAX_IDS,
                    SandboxJson.object("api_name", "ids", "limit", MAX_IDS));
        }
        // records are updated under the lock; the answer (about 330 bytes a record) is written after it, so
        // concurrent calls do not queue behind each other's JSON
        record Updated(String id, SandboxRecords.StoredRecord record, Instant modified) {
        }
        List<Updated> updates = new ArrayList<>(idsNode.size());
        synchronized (records) {
            for (JsonNode idNode : idsNode) {
                String id = idNode.asText();
                SandboxRecords.StoredRecord record = records.update(module, id, values);
                updates.add(new Updated(id, record, record == null ? null : record.modified));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(updates.size() * 340 + 16);
        try (JsonGenerator out = SandboxJson.MAPPER.getFactory().createGenerator(bytes)) {
            out.writeStartObject();
            out.writeArrayFieldStart("data");
            for (Updated u : updates) {
                SandboxRecords.StoredRecord record = u.record();
                if (record == null) {
                    out.writeTree(SandboxErrors.body("INVALID_DATA", "the id given seems to be invalid",
                            SandboxJson.object("id", u.id())));
                } else {
                    out.writeStartObject();
                    out.writeStringField("code", "SUCCESS");
                    out.writeObjectFieldStart("details");
                    out.writeStringField("Modified_Time", SandboxClock.format(u.modified()));
                    out.writeFieldName("Modified_By");
                    out.writeTree(USER);
                    out.writeStringField("Created_Time", SandboxClock.format(record.created));
                    out.writeStringField("id", record.id);
                    out.writeFieldName("Created_By");
                    out.writeTree(USER);
                    out.writeEndObject();
                    out.writeStringField("message", "record updated");
                    out.writeStringField("status", "success");
                    out.writeEndObject();
                }
            }
            out.writeEndArray();
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SandboxResponse(200, SandboxResponse.JSON, bytes.toByteArray());
    }

    private synchronized SandboxResponse schedule(String module, String cvid, Map<String, String> values,
                                                  String forcedJobId, boolean fail) {
        Instant now = clock.now();
        boolean busy = jobs.values().stream().anyMatch(j -> j.cvid.equals(cvid) && now.isBefore(j.completesAt()));
        if (busy) {
            return SandboxErrors.error(400, "ALREADY_SCHEDULED",
                    "Already an Mass Action scheduler is runing for the given cvid", SandboxJson.object("api_name", "cvid"));
        }
        MassJob job = new MassJob(forcedJobId != null ? forcedJobId : ids.next(), module, cvid, Map.copyOf(values),
                now, step, fail);
        jobs.put(job.id, job);
        ObjectNode root = SandboxJson.object();
        root.putArray("data").add(SandboxJson.object("code", "SUCCESS", "details",
                SandboxJson.object("job_id", job.id), "message", "mass update scheduled successfully",
                "status", "success"));
        return SandboxResponse.json(200, root);
    }

    /** Seeds a scheduled job with a known id (created now, with the current jobStep). */
    synchronized void seed(String jobId, String module, String cvid, Map<String, String> values, boolean fail) {
        jobs.put(jobId, new MassJob(jobId, module, cvid, Map.copyOf(values), clock.now(), step, fail));
    }

    synchronized Instant completesAt(String jobId) {
        MassJob job = jobs.get(jobId);
        return job == null ? null : job.completesAt();
    }

    synchronized boolean forget(String jobId) {
        return jobs.remove(jobId) != null;
    }

    // ------------------------------------------------------------------------------------------ status

    /** Finishes every job whose time has come: writes the value to all records of its module, freezes counts. */
    synchronized void tick() {
        Instant now = clock.now();
        jobs.values().stream().filter(j -> j.finalCounts == null && !now.isBefore(j.completesAt()))
                .sorted(Comparator.comparing(MassJob::completesAt)).forEach(j -> {
                    synchronized (records) {
                        List<String> all = records.ids(j.module);
                        if (j.fail) {
                            j.finalCounts = new int[] {all.size(), 0, 0, all.size()};
                        } else {
                            all.forEach(id -> records.update(j.module, id, j.values));
                            j.finalCounts = new int[] {all.size(), all.size(), 0, 0};
                        }
                    }
                });
    }

    synchronized SandboxResponse status(String module, SandboxRequest request) {
        String jobId = request.queryParams().get("job_id");
        if (jobId == null || jobId.isBlank()) {
            return SandboxErrors.error(400, "MANDATORY_NOT_FOUND", "required param not found",
                    SandboxJson.object("api_name", "job_id"));
        }
        MassJob job = jobs.get(jobId);
        if (job == null || !job.module.equals(module)) {
            return SandboxResponse.empty(404); // recorded: NOT_FOUND comes with an empty body
        }
        Instant now = clock.now();
        String status;
        int total;
        int updated;
        int notUpdated;
        int failed;
        if (job.finalCounts != null) {
            status = job.fail ? "FAILED" : "COMPLETED";
            total = job.finalCounts[0];
            updated = job.finalCounts[1];
            notUpdated = job.finalCounts[2];
            failed = job.finalCounts[3];
        } else {
            total = records.count(module);
            failed = 0;
            Instant running = job.createdAt.plus(job.step);
            if (now.isBefore(running)) {
                status = "SCHEDULED";
                updated = 0;
            } else {
                status = "RUNNING";
                double fraction = Duration.between(running, now).toNanos() / (double) Math.max(1, job.step.toNanos());
                updated = (int) Math.min(total, Math.floor(total * fraction));
            }
            notUpdated = total - updated;
        }
        ObjectNode row = SandboxJson.object();
        row.put("Status", status);
        row.put("Failed_Count", failed);
        row.put("Updated_Count", updated);
        row.put("Not_Updated_Count", notUpdated);
        row.put("Total_Count", total);
        ObjectNode root = SandboxJson.object();
        root.putArray("data").add(row);
        return SandboxResponse.json(200, root);
    }
}
