package io.zohocamel.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Mass update by ids: applied at once, at most {@value #MAX_IDS} ids, one result per id in request order
 * (record updated, or INVALID_DATA for an id the module does not have).
 */
final class SandboxMassUpdateByIds {

    static final int MAX_IDS = 500;
    static final ObjectNode USER = SandboxJson.object("name", "Patricia Boyle", "id", "4150868000000225013");

    private final SandboxRecords records;

    SandboxMassUpdateByIds(SandboxRecords records) {
        this.records = records;
    }

    SandboxResponse update(String module, JsonNode idsNode, Map<String, String> values) {
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
}
