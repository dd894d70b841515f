package io.zohocamel.bulk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zohocamel.zoho.ZohoCallException;
import io.zohocamel.zoho.ZohoRejectedException;
import io.zohocamel.common.Json;
import org.apache.camel.CamelExchangeException;

/** Why a file could not be submitted, written as {@code <name>.error.json} beside it in error/. */
public record BulkError(String code, String message, String source, Integer chunk, Long row, String whatToDo,
                        Integer chunksWithJobs) {


    private static final Map<String, String> ADVICE = Map.ofEntries(
            Map.entry("MANDATORY_FIELDS_NOT_MAPPED", "add a column for every mandatory field of the module's layout, then drop the file again"),
            Map.entry("INVALID_FIELD_NAME", "make every header a Zoho field API name (Settings > Developer Space > APIs), or rename it in job.json"),
            Map.entry("INVALID_MODULE", "put the file under inbox/<Module API name>/<operation>/"),
            Map.entry("FILE_TOO_LARGE", "the runtime keeps chunks under 25 MB; report this file to the runtime's maintainers"),
            Map.entry("INVALID_DATA", "check the job.json (find_by, formats, default values) against the module's fields"),
            Map.entry("MISSING_REQUIRED_KEY", "check the job.json: find_by is required for update and upsert"),
            Map.entry("FIND_BY_REQUIRED", "add \"find_by\": \"<unique field>\" to job.json in this folder"),
            Map.entry("FIND_BY_NOT_MAPPED", "the find_by field must be one of the file's columns"),
            Map.entry("UNKNOWN_OPERATION", "put the file under inbox/<Module>/insert, update or upsert"),
            Map.entry("UNEXPECTED_LOCATION", "put the file under inbox/<Module>/<operation>/"),
            Map.entry("ALREADY_SUBMITTED", "this content was already sent to Zoho; see its report. To send it again on purpose, change the file (e.g. fix the rows) first"),
            Map.entry("NOT_UTF8", "save the file as UTF-8 (with or without BOM) and drop it again"),
            Map.entry("OUTSIDE_INBOX", "copy the file (and job.json) into the inbox folder itself instead of linking to it; "
                    + "a file in a folder that links out of the inbox is left where it is"),
            Map.entry("JOB_JSON_TOO_LARGE", "make this folder's job.json the small JSON object it should be (find_by, "
                    + "ignore_empty, delimiter, rename, columns), then drop the file again; job.json was left in place"),
            Map.entry("INVALID_FILE_NAME", "give the file a name without a leading dot, line breaks or control characters, "
                    + "then drop it again"),
            Map.entry("NO_PERMISSION", "give the Zoho user behind the refresh token the permission for this module"),
            Map.entry("OAUTH_SCOPE_MISMATCH", "grant the self-client ZohoCRM.bulk.ALL, ZohoCRM.modules.ALL and ZohoFiles.files.ALL"));

    /** @param jobsCreated parts of the file that already went to Zoho: chunks that became jobs, Records API calls answered */
    public static BulkError of(Throwable cause, BulkSubmission submission, int jobsCreated) {
        String source = cause == null ? "unknown" : cause.getClass().getSimpleName();
        Integer chunks = submission == null || submission.plan() == null ? null : submission.plan().chunkCount();
        if (cause instanceof BulkInputException input) {
            return new BulkError(input.code(), input.getMessage(), "file", null, input.row(), advice(input.code()), null);
        }
        if (cause instanceof ChunkFailure failed && failed.getCause() instanceof ZohoCallException zoho) {
            return new BulkError(zoho.code(), zoho.response().message(), "zoho", failed.chunkIndex() + 1, null,
                    advice(zoho.code()), jobsCreated);
        }
        if (cause instanceof ZohoCallException zoho) {
            return new BulkError(zoho.code(), zoho.response().message(), "zoho", null, null, advice(zoho.code()), jobsCreated);
        }
        String message = cause == null ? "unknown failure" : String.valueOf(cause.getMessage());
        return new BulkError("UNREADABLE_FILE", message, source, null, null,
                "check that the file is a readable CSV; details are in the runtime's log", chunks == null ? null : 0);
    }

    /**
     * The failure the error file is about: the exception a step threw, not an exception Camel put
     * around it; Zoho's refusal of one chunk's upload or job names that chunk (the split's exception
     * holds the chunk's exchange).
     */
    static Throwable causeOf(Exception caught) {
        Integer chunk = null;
        for (Throwable t = caught; t != null; t = t.getCause()) {
            if (t instanceof CamelExchangeException split && split.getExchange() != null && chunk == null) {
                chunk = split.getExchange().getProperty(BulkChunks.CHUNK_INDEX, Integer.class);
            }
            if (t instanceof ZohoRejectedException rejected && chunk != null) {
                return new ChunkFailure(chunk, rejected);
            }
            if (t instanceof BulkInputException || t instanceof ChunkFailure || t instanceof ZohoRejectedException) {
                return t;
            }
        }
        return caught;
    }

    private static String advice(String code) {
        return ADVICE.getOrDefault(code, "fix the file or its job.json as the message says, then drop it again");
    }

    /** Writes {@code <name>.error.json} next to the moved file, atomically. */
    public void writeBeside(Path file) throws IOException {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("file", file.getFileName().toString());
        node.put("code", code);
        node.put("message", message);
        node.put("source", source);
        if (chunk != null) {
            node.put("chunk", chunk);
        }
        if (row != null) {
            node.put("row", row);
        }
        if (chunksWithJobs != null && chunksWithJobs > 0) {
            node.put("chunks_already_submitted", chunksWithJobs);
            node.put("note", chunksWithJobs + " part(s) of this file already went to Zoho (bulk-write jobs, or Records API "
                    + "calls of 100 rows); their rows are reported in reports/ and must not be dropped again");
        }
        node.put("what_to_do", whatToDo);
        node.put("at", Instant.now().toString());
        Path target = file.resolveSibling(BulkFolders.baseName(file.getFileName().toString()) + ".error.json");
        Path tmp = Files.createTempFile(file.getParent(), ".error-", ".tmp");
        Files.write(tmp, Json.PRETTY.writeValueAsBytes(node));
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
