package io.zohocamel.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every recorded Zoho answer goes through {@link ZohoResponses#normalize}; the expectation table is
 * keyed by file name so a new example without an expectation fails here.
 */
class ZohoResponsesExamplesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What the normaliser must make of one example. Null fields are asserted absent. */
    record Expect(String code, Outcome outcome, String jobId, String jobStatus, ZohoCounts counts,
                  List<String> entryIds, String downloadUrl) {

        static Expect error(String code, Outcome outcome) {
            return new Expect(code, outcome, null, null, null, null, null);
        }
    }

    private static final Map<String, Expect> EXPECTED = Map.ofEntries(
            // bulk write: create job
            entry("bulk-write-create-job--file-not-supported.json", Expect.error("FILE_NOT_SUPPORTED", Outcome.PERMANENT)),
            entry("bulk-write-create-job--invalid-callback-url.json", Expect.error("INVALID_CALLBACK_URL", Outcome.PERMANENT)),
            entry("bulk-write-create-job--invalid-data.json", Expect.error("INVALID_DATA", Outcome.PERMANENT)),
            entry("bulk-write-create-job--invalid-field-name.json", Expect.error("INVALID_FIELD_NAME", Outcome.PERMANENT)),
            entry("bulk-write-create-job--mandatory-fields-not-mapped.json",
                    Expect.error("MANDATORY_FIELDS_NOT_MAPPED", Outcome.PERMANENT)),
            entry("bulk-write-create-job--missing-required-key.json", Expect.error("MISSING_REQUIRED_KEY", Outcome.PERMANENT)),
            entry("bulk-write-create-job--success-response.json",
                    new Expect("SUCCESS", Outcome.SUCCESS, "4150868000005350003", null, null, null, null)),
            // bulk write: job details
            entry("bulk-write-job-details--authentication-failure.json", Expect.error("AUTHENTICATION_FAILURE", Outcome.AUTH)),
            entry("bulk-write-job-details--invalid-request-method.json", Expect.error("INVALID_REQUEST_METHOD", Outcome.PERMANENT)),
            entry("bulk-write-job-details--invalid-url-pattern.json", Expect.error("INVALID_URL_PATTERN", Outcome.PERMANENT)),
            entry("bulk-write-job-details--oauth-scope-mismatch.json", Expect.error("OAUTH_SCOPE_MISMATCH", Outcome.PERMANENT)),
            entry("bulk-write-job-details--resource-not-found.json", Expect.error("RESOURCE_NOT_FOUND", Outcome.PERMANENT)),
            entry("bulk-write-job-details--success-response.json",
                    new Expect(null, Outcome.SUCCESS, "4150868000005350003", "COMPLETED",
                            new ZohoCounts(11, 9, 0, 2, 0, 0), null,
                            "https://download-accl.zoho.com/v2/crm/694902309/bulk-write/4150868000005350003/4150868000005350003.zip")),
            // mass update by cvid
            entry("mass-update-by-cvid--already-scheduled.json", Expect.error("ALREADY_SCHEDULED", Outcome.RETRYABLE)),
            entry("mass-update-by-cvid--authentication-failure.json", Expect.error("AUTHENTICATION_FAILURE", Outcome.AUTH)),
            entry("mass-update-by-cvid--invalid-data-cvid.json", Expect.error("INVALID_DATA", Outcome.PERMANENT)),
            entry("mass-update-by-cvid--invalid-data-field.json", Expect.error("INVALID_DATA", Outcome.PERMANENT)),
            entry("mass-update-by-cvid--invalid-data-no-field.json", Expect.error("INVALID_DATA", Outcome.PERMANENT)),
            entry("mass-update-by-cvid--invalid-request-method.json", Expect.error("INVALID_REQUEST_METHOD", Outcome.PERMANENT)),
            entry("mass-update-by-cvid--mandatory-not-found.json", Expect.error("MANDATORY_NOT_FOUND", Outcome.PERMANENT)),
            entry("mass-update-by-cvid--oauth-scope-mismatch.json", Expect.error("OAUTH_SCOPE_MISMATCH", Outcome.PERMANENT)),
            entry("mass-update-by-cvid--scheduled-with-territory.json",
                    new Expect("SUCCESS", Outcome.SUCCESS, "554023000000506003", null, null, null, null)),
            entry("mass-update-by-cvid--success-response.json",
                    new Expect("SUCCESS", Outcome.SUCCESS, "738964000002130377", null, null, null, null)),
            // mass update by ids: one good id, one bad
            entry("mass-update-by-ids--mixed.json",
                    new Expect(null, Outcome.SUCCESS, null, null, null,
                            List.of("580845000003654076", "554023000000497021"), null)),
            // mass update status
            entry("mass-update-status--completed.json",
                    new Expect(null, Outcome.SUCCESS, null, "COMPLETED", new ZohoCounts(50, 0, 50, 0, 0, 0), null, null)),
            entry("mass-update-status--failed.json",
                    new Expect(null, Outcome.SUCCESS, null, "FAILED", new ZohoCounts(50, 0, 0, 0, 0, 50), null, null)),
            entry("mass-update-status--running.json",
                    new Expect(null, Outcome.SUCCESS, null, "RUNNING", new ZohoCounts(50, 0, 30, 0, 20, 0), null, null)),
            entry("mass-update-status--scheduled.json",
                    new Expect(null, Outcome.SUCCESS, null, "SCHEDULED", new ZohoCounts(50, 0, 0, 0, 50, 0), null, null)));

    static Path examplesDir() throws URISyntaxException {
        URL url = ZohoResponsesExamplesTest.class.getClassLoader().getResource("zoho-api/examples");
        if (url != null && "file".equals(url.getProtocol())) {
            return Paths.get(url.toURI());
        }
        return Paths.get("src/test/resources/zoho-api/examples");
    }

    static Stream<String> exampleFiles() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(examplesDir())) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .sorted().collect(Collectors.toList());
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleFiles")
    void normalisesRecordedAnswer(String file) throws Exception {
        assertThat(EXPECTED).as("expectation for new example " + file).containsKey(file);
        Expect expect = EXPECTED.get(file);

        JsonNode example = MAPPER.readTree(examplesDir().resolve(file).toFile());
        int status = example.path("response").path("status").asInt();
        JsonNode body = example.path("response").path("body");
        byte[] bytes = body.isMissingNode() || body.isNull() ? new byte[0] : MAPPER.writeValueAsBytes(body);

        ZohoResponse r = ZohoResponses.normalize(status, bytes);

        assertThat(r.httpStatus()).isEqualTo(status);
        assertThat(r.code()).as("code").isEqualTo(expect.code());
        assertThat(r.outcome()).as("outcome").isEqualTo(expect.outcome());
        assertThat(r.isSuccess()).isEqualTo(expect.outcome() == Outcome.SUCCESS);
        assertThat(r.status()).isEqualTo(expect.outcome() == Outcome.SUCCESS ? "success" : "error");
        assertThat(r.details()).isNotNull();
        assertThat(r.body().isMissingNode()).isFalse();
        assertThat(r.jobId()).as("jobId").isEqualTo(Optional.ofNullable(expect.jobId()));
        assertThat(r.jobStatus()).as("jobStatus").isEqualTo(expect.jobStatus());
        assertThat(r.counts()).as("counts").isEqualTo(Optional.ofNullable(expect.counts()));
        assertThat(r.downloadUrl()).as("downloadUrl").isEqualTo(Optional.ofNullable(expect.downloadUrl()));
        if (expect.entryIds() != null) {
            assertThat(r.data()).extracting(ZohoResponse.Entry::id).containsExactlyElementsOf(expect.entryIds());
        }
        if (!r.isSuccess()) {
            assertThat(r.message()).isNotBlank();
        }
        assertThat(r.isThrottled()).isFalse();
        assertThat(r.isServerOrTransportFailure()).isFalse();
    }

    @Test
    void everyExpectationHasAnExample() throws Exception {
        assertThat(exampleFiles().collect(Collectors.toSet())).containsAll(EXPECTED.keySet());
    }

    @Test
    void mixedEntriesKeepPerRecordOutcome() throws Exception {
        JsonNode example = MAPPER.readTree(examplesDir().resolve("mass-update-by-ids--mixed.json").toFile());
        ZohoResponse r = ZohoResponses.normalize(200, MAPPER.writeValueAsBytes(example.at("/response/body")));
        assertThat(r.data()).extracting(ZohoResponse.Entry::code).containsExactly("SUCCESS", "INVALID_DATA");
        assertThat(r.data()).extracting(ZohoResponse.Entry::isSuccess).containsExactly(true, false);
    }

    @Test
    void massUpdateErrorInsideDataCarriesDetails() throws Exception {
        JsonNode example = MAPPER.readTree(examplesDir().resolve("mass-update-by-cvid--invalid-data-cvid.json").toFile());
        ZohoResponse r = ZohoResponses.normalize(200, MAPPER.writeValueAsBytes(example.at("/response/body")));
        assertThat(r.details().path("api_name").asText()).isEqualTo("cvid");
        assertThat(r.message()).isEqualTo("the cvid given seems to be invalid");
    }
}
