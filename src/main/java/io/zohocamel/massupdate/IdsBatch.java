package io.zohocamel.massupdate;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One call's worth of an ids request: at most 500 ids and the Zoho body that carries them. */
public record IdsBatch(int index, String module, List<String> ids, ObjectNode body) {
}
