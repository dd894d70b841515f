package io.zohocamel.bulk;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BulkJobSpecTest {

    @TempDir
    Path dir;

    private BulkJobSpec load(String json) throws IOException {
        return BulkJobSpec.load(Files.writeString(dir.resolve("job.json"), json), dir.toRealPath());
    }

    private BulkInputException bad(String json) {
        return catchThrowableOfType(BulkInputException.class, () -> load(json));
    }

    @Test
    void missingFileGivesDefaults() throws IOException {
        BulkJobSpec s = BulkJobSpec.load(dir.resolve("nope.json"), dir.toRealPath());
        assertThat(s).isEqualTo(BulkJobSpec.defaults());
        assertThat(s.delimiterChar()).isEqualTo(',');
        assertThat(s.ignoreEmpty()).isFalse();
        assertThat(s.rename()).isEmpty();
        assertThat(s.columns()).isEmpty();
        assertThat(BulkJobSpec.load(null, dir)).isEqualTo(BulkJobSpec.defaults());
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
    void notJsonSaysWhereAndWhatKindNeverTheContent() {
        BulkInputException e = bad("{\"find_by\":\"Email\",\n \"delimiter\": KY8Jsecret}");
        assertThat(e.code()).isEqualTo(BulkInputException.INVALID_JOB_JSON);
        assertThat(e.getMessage()).contains("line 2, column", "not JSON").doesNotContain("KY8J");
        assertThat(e.getCause()).isNull();
        assertThat(bad("{\"find_by\":\"Email\"} {\"find_by\":\"id\"}").getMessage()).contains("after the JSON object");
        assertThat(bad("{\"find_by\":\"Em").getMessage()).contains("ends before").doesNotContain("Em");
    }

    @Test
    void aLinkOutOfTheInboxOrADanglingOneIsNotRead() throws IOException {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path secret = Files.writeString(dir.resolve("secret"), "KY8Jsecret");
        Path link = Files.createSymbolicLink(inbox.resolve("job.json"), secret);
        assertThat(catchThrowableOfType(BulkInputException.class, () -> BulkJobSpec.load(link, inbox.toRealPath())))
                .satisfies(e -> assertThat(e.code()).isEqualTo(BulkInputException.OUTSIDE_INBOX))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("KY8J"));
        Files.delete(secret);
        assertThat(catchThrowableOfType(BulkInputException.class, () -> BulkJobSpec.load(link, inbox.toRealPath())).code())
                .isEqualTo(BulkInputException.OUTSIDE_INBOX);
    }

    @Test
    void aFileThatSaysItIsSmallIsStillReadNoFurtherThanTheCap() throws IOException {
        // procfs files report size 0 whatever they hold, as a file still growing would have when its size was read
        Path kallsyms = Path.of("/proc/kallsyms");
        assumeTrue(Files.isReadable(kallsyms) && Files.size(kallsyms) == 0);
        assertThat(catchThrowableOfType(BulkInputException.class, () -> BulkJobSpec.load(kallsyms, Path.of("/proc"))).code())
                .isEqualTo(BulkInputException.JOB_JSON_TOO_LARGE);
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
