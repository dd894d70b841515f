package io.zohocamel.bulk;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class BulkJobSpecTest {

    @TempDir
    Path dir;

    private BulkJobSpec load(String json) throws IOException {
        return BulkJobSpec.load(Files.writeString(dir.resolve("job.json"), json));
    }

    private BulkInputException bad(String json) {
        return catchThrowableOfType(BulkInputException.class, () -> load(json));
    }

    @Test
    void missingFileGivesDefaults() throws IOException {
        BulkJobSpec s = BulkJobSpec.load(dir.resolve("nope.json"));
        assertThat(s).isEqualTo(BulkJobSpec.defaults());
        assertThat(s.delimiterChar()).isEqualTo(',');
        assertThat(s.ignoreEmpty()).isFalse();
        assertThat(s.rename()).isEmpty();
        assertThat(s.columns()).isEmpty();
        assertThat(BulkJobSpec.load(null)).isEqualTo(BulkJobSpec.defaults());
    }

    @Test
    void fullSpecLoads() throws IOException {
        BulkJobSpec s = load("""
                {"find_by":"Email","ignore_empty":true,"delimiter":";",
                 "rename":{"Mail":"Email","Company":"Account_Name.id"},
                 "columns":{"Date_of_Birth":{"format":"dd/MM/yyyy"},"Lead_Source":{"default_value":"Web"},
                            "Owner":{"default_value":{"id":"42"}}}}""");
        assertThat(s.findBy()).isEqualTo("Email");
        assertThat(s.ignoreEmpty()).isTrue();
        assertThat(s.delimiterChar()).isEqualTo(';');
        assertThat(s.rename()).containsEntry("Mail", "Email").containsEntry("Company", "Account_Name.id");
        assertThat(s.columns().get("Date_of_Birth").format()).isEqualTo("dd/MM/yyyy");
        assertThat(s.columns().get("Lead_Source").defaultValue().asText()).isEqualTo("Web");
        assertThat(s.validateFor("upsert")).isSameAs(s);
        // round-trips through Jackson in the same shape
        ObjectMapper m = new ObjectMapper();
        String json = m.writeValueAsString(s);
        assertThat(json).contains("\"find_by\":\"Email\"", "\"ignore_empty\":true");
        assertThat(BulkJobSpec.parse(m.readTree(json))).isEqualTo(s);
    }

    @Test
    void errorsNameTheKey() {
        assertThat(bad("{\"findby\":\"Email\"}")).satisfies(e -> {
            assertThat(e.code()).isEqualTo(BulkInputException.INVALID_JOB_JSON);
            assertThat(e.getMessage()).contains("\"findby\"", "unknown key");
        });
        assertThat(bad("{\"ignore_empty\":\"yes\"}").getMessage()).contains("\"ignore_empty\"", "true or false");
        assertThat(bad("{\"delimiter\":\";;\"}").getMessage()).contains("\"delimiter\"");
        assertThat(bad("{\"delimiter\":\"\\\"\"}").getMessage()).contains("\"delimiter\"");
        assertThat(bad("{\"delimiter\":5}").getMessage()).contains("\"delimiter\"", "string");
        assertThat(bad("{\"rename\":[\"a\"]}").getMessage()).contains("\"rename\"", "object");
        assertThat(bad("{\"rename\":{\"a\":1}}").getMessage()).contains("\"rename.a\"");
        assertThat(bad("{\"columns\":{\"X\":\"fmt\"}}").getMessage()).contains("\"columns.X\"");
        assertThat(bad("{\"columns\":{\"X\":{\"fromat\":\"d\"}}}").getMessage()).contains("\"columns.X.fromat\"");
        assertThat(bad("{\"columns\":{\"X\":{\"format\":1}}}").getMessage()).contains("\"columns.X.format\"");
        assertThat(bad("{\"find_by\":\" \"}").getMessage()).contains("\"find_by\"");
        assertThat(bad("[1]").getMessage()).contains("object");
        assertThat(bad("{\"find_by\":").code()).isEqualTo(BulkInputException.INVALID_JOB_JSON);
    }

    @Test
    void validateForOperation() {
        BulkJobSpec d = BulkJobSpec.defaults();
        assertThat(d.validateFor("insert")).isSameAs(d);
        assertThat(catchThrowableOfType(BulkInputException.class, () -> d.validateFor("delete")).code())
                .isEqualTo(BulkInputException.UNKNOWN_OPERATION);
        assertThat(catchThrowableOfType(BulkInputException.class, () -> d.validateFor("update")).code())
                .isEqualTo(BulkInputException.FIND_BY_REQUIRED);
        assertThat(catchThrowableOfType(BulkInputException.class, () -> d.validateFor("upsert")).code())
                .isEqualTo(BulkInputException.FIND_BY_REQUIRED);
        BulkJobSpec withKey = new BulkJobSpec("id", false, null, null, null);
        assertThat(withKey.validateFor("update")).isSameAs(withKey);
    }
}
