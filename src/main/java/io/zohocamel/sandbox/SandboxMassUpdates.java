package io.zohocamel.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * POST and GET /crm/{v}/{module}/actions/mass_update: by ids (see {@link SandboxMassUpdateByIds}) or by
 * custom view, a scheduled {@link SandboxMassJob} whose status GET reports. Validation errors come back the
 * way Zoho really sends them: HTTP 200 with the error in data[0]; ALREADY_SCHEDULED / LIMIT_EXCEEDED /
 * INVALID_MODULE at top level with HTTP 400.
 */
final class SandboxMassUpdates {

    /** Zoho ids (cvids included) are 18-19 digit numbers; the recorded INVALID_DATA (cvid) sends 17 digits. */
    static final Pattern ZOHO_ID = Pattern.compile("\\d{18,19}");
    /** Multi-line fields, refused like email and lookup fields. */
    static final Set<String> MULTI_LINE_FIELDS = Set.of("Description");

    private final SandboxIds ids;
    private final SandboxClock clock;
    private final SandboxRecords records;
    private final SandboxMassUpdateByIds byIds;
    private final Map<String, SandboxMassJob> jobs = new LinkedHashMap<>();
    private volatile Duration step;
    /** null: one step. */
    private volatile Duration queue;
    private volatile boolean failJobs;

    SandboxMassUpdates(SandboxIds ids, SandboxClock clock, SandboxRecords records, Duration step) {
        this.ids = ids;
        this.clock = clock;
        this.records = records;
        this.byIds = new SandboxMassUpdateByIds(records);
        this.step = step;
    }

    void setStep(Duration value) {
        step = value;
    }

    /** How long jobs scheduled from now on stay SCHEDULED before they run; null = one step. */
    void setQueue(Duration value) {
        queue = value;
    }

    private SandboxMassJob newJob(String id, String module, String cvid, Map<String, String> values, boolean fail) {
        Duration s = step;
        return new SandboxMassJob(id, module, cvid, Map.copyOf(values), clock.now(), s, queue == null ? s : queue, fail);
    }

    /** When the job ends (null when unknown). */
    synchronized Instant completesAt(String jobId) {
        SandboxMassJob job = jobs.get(jobId);
        return job == null ? null : job.completesAt();
    }

    /** New cvid jobs end FAILED (Failed_Count = total, nothing written) while this is on. */
    void setFailJobs(boolean value) {
        failJobs = value;
    }

    /** Module names in the path are matched case-insensitively; an unknown one is 400 INVALID_MODULE. */
    private SandboxResponse inModule(Matcher path, Function<String, SandboxResponse> answer) {
        return records.module(path.group("module")).map(answer).orElseGet(SandboxErrors::invalidModule);
    }

    // ------------------------------------------------------------------------------------------ POST

    SandboxResponse post(SandboxRequest request, Matcher path) {
        return inModule(path, module -> {
            JsonNode body = SandboxJson.parse(request.body());
            if (body == null || !body.isObject()) {
                return SandboxErrors.error(400, "INVALID_DATA", "the request body is not valid JSON", null);
            }
            return post(module, body);
        });
    }

    private SandboxResponse post(String module, JsonNode body) {
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
            return byIds.update(module, idsNode, values);
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
        return schedule(module, cvid, values, failJobs);
    }

    private static SandboxResponse fieldError(String field, String message) {
        return SandboxErrors.inData("INVALID_DATA", message,
                SandboxJson.object("api_name", field, "json_path", "$.data[0]." + field));
    }

    /** Multi-select lists are stored the way Zoho's CSV exports them: values joined by ';'. */
    static String asText(JsonNode value) {
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

    private synchronized SandboxResponse schedule(String module, String cvid, Map<String, String> values,
                                                  boolean fail) {
        Instant now = clock.now();
        boolean busy = jobs.values().stream().anyMatch(j -> j.cvid.equals(cvid) && now.isBefore(j.completesAt()));
        if (busy) {
            return SandboxErrors.error(400, "ALREADY_SCHEDULED",
                    "Already an Mass Action scheduler is runing for the given cvid", SandboxJson.object("api_name", "cvid"));
        }
        SandboxMassJob job = newJob(ids.next(), module, cvid, values, fail);
        jobs.put(job.id, job);
        ObjectNode root = SandboxJson.object();
        root.putArray("data").add(SandboxJson.object("code", "SUCCESS", "details",
                SandboxJson.object("job_id", job.id), "message", "mass update scheduled successfully",
                "status", "success"));
        return SandboxResponse.json(200, root);
    }

    /** Seeds a scheduled job with a known id (created now, with the current jobStep). */
    synchronized void seed(String jobId, String module, String cvid, Map<String, String> values, boolean fail) {
        jobs.put(jobId, newJob(jobId, module, cvid, values, fail));
    }

    synchronized boolean forget(String jobId) {
        return jobs.remove(jobId) != null;
    }

    // ------------------------------------------------------------------------------------------ status

    /** Finishes every job whose time has come, oldest completion first. */
    synchronized void tick() {
        Instant now = clock.now();
        jobs.values().stream().filter(j -> j.finalCounts == null && !now.isBefore(j.completesAt()))
                .sorted(Comparator.comparing(SandboxMassJob::completesAt)).forEach(j -> j.apply(records));
    }

    SandboxResponse status(SandboxRequest request, Matcher path) {
        return inModule(path, module -> status(module, request.queryParams().get("job_id")));
    }

    private synchronized SandboxResponse status(String module, String jobId) {
        if (jobId == null || jobId.isBlank()) {
            return SandboxErrors.error(400, "MANDATORY_NOT_FOUND", "required param not found",
                    SandboxJson.object("api_name", "job_id"));
        }
        SandboxMassJob job = jobs.get(jobId);
        if (job == null || !job.module.equals(module)) {
            return SandboxResponse.empty(404); // recorded: NOT_FOUND comes with an empty body
        }
        ObjectNode root = SandboxJson.object();
        root.putArray("data").add(job.statusRow(clock.now(), records.count(module)));
        return SandboxResponse.json(200, root);
    }
}
