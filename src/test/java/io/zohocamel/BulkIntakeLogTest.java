package io.zohocamel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.zohocamel.bulk.BulkIntake;
import io.zohocamel.jobs.JobStore;
import org.apache.camel.BeanInject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the intake logs of files it cannot take: names with line breaks or control characters are
 * refused and logged escaped, one line each; an unexpected failure is logged once, not at every scan,
 * and the file is taken again once it is over.
 */
class BulkIntakeLogTest extends BulkInputTestSupport {

    @BeanInject
    JobStore jobStore;

    @Test
    void anUnexpectedFailureIsLoggedOnceAndTheFileIsTakenAgainOnceItIsOver() throws Exception {
        ListAppender<ILoggingEvent> log = capture(BulkIntake.class.getName());
        // the job store fails for this file: its table is away for a while
        sql("alter table bulk_file rename to bulk_file_away");
        Path solutions;
        try {
            solutions = drop("Solutions/insert/solutions.csv", bytes("Solution_Title\nReboot\n"));
            await("the reason in the log", Duration.ofSeconds(30), () -> messages(log).stream()
                    .anyMatch(m -> m.startsWith("solutions.csv stays in the inbox: unexpected JobStoreException")));
            Thread.sleep(2_000); // ten more scans, taken again each time, logged once
            assertThat(messages(log)).filteredOn(m -> m.startsWith("solutions.csv stays in the inbox")).hasSize(1);
            assertThat(solutions).exists();
        } finally {
            sql("alter table bulk_file_away rename to bulk_file");
            release(BulkIntake.class.getName(), log);
        }
        await("solutions.csv submitted once the job store is back", Duration.ofSeconds(30),
                () -> Files.exists(dataDir.resolve("done/Solutions/insert/solutions.csv")));
        assertThat(solutions).doesNotExist();
    }

    @Test
    void hiddenAndControlCharacterNamesAreRefusedAndLoggedEscaped() throws Exception {
        ListAppender<ILoggingEvent> log = capture(Logger.ROOT_LOGGER_NAME);
        try {
            drop("Tasks/insert/.hidden.csv", bytes("Subject\nCall\n"));
            drop("Tasks/insert/two\nlines.csv", bytes("Subject\nCall\n"));
            drop("Tasks/insert/forged\n2026-01-01 ERROR fake line.csv", bytes("Subject\nCall\n"));
            drop("Tasks/insert/bidi\u202Evsc.csv", bytes("Subject\nCall\n"));

            for (String name : new String[] {"_hidden", "two_lines", "forged_2026-01-01 ERROR fake line", "bidi_vsc"}) {
                JsonNode error = awaitError("Tasks/insert/" + name);
                assertThat(error.path("code").asText()).as(name).isEqualTo("INVALID_FILE_NAME");
                assertThat(error.path("message").asText()).as(name).contains(name + ".csv");
                assertThat(dataDir.resolve("error/Tasks/insert/" + name + ".csv")).exists();
            }
            try (var inbox = Files.list(dataDir.resolve("inbox/Tasks/insert"))) {
                assertThat(inbox.toList()).as("nothing left in the inbox").isEmpty();
            }
            // one line each (written just after the .error.json)
            await("four log lines", Duration.ofSeconds(10),
                    () -> messages(log).stream().filter(m -> m.contains("rejected: INVALID_FILE_NAME")).count() >= 4);
            Thread.sleep(1_000);
            List<String> lines = messages(log);
            assertThat(lines).filteredOn(m -> m.contains("rejected: INVALID_FILE_NAME")).hasSize(4);
            assertThat(lines).anyMatch(m -> m.startsWith(".hidden.csv rejected"))
                    .anyMatch(m -> m.startsWith("two\\nlines.csv rejected"))
                    .anyMatch(m -> m.startsWith("bidi\\u202evsc.csv rejected"));
            assertThat(lines).filteredOn(m -> m.contains("lines") || m.contains("forged") || m.contains("bidi"))
                    .hasSizeGreaterThanOrEqualTo(3).allSatisfy(m -> assertThat(m).doesNotContain("\n", "\r", "\u202E"));
            assertThat(sandbox.records("Tasks")).isEmpty();
        } finally {
            release(Logger.ROOT_LOGGER_NAME, log);
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = jobStore.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }
}
