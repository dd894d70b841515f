package io.zohocamel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.zohocamel.bulk.BulkIntake;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.RuntimeTestSupport;
import org.apache.camel.BeanInject;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The done or reports folder cannot be written (the tests run as root, so a plain file stands where
 * the folder should be): nothing is sent, the file stays in the inbox untouched, the log says why
 * once (not at every scan), and once the folder is fixed the file goes through on its own.
 */
class BulkFolderNotWritableTest extends RuntimeTestSupport {

    @BeanInject
    ZohoSandbox sandbox;

    @Override
    protected Map<String, String> settings() {
        return QUICK_BULK;
    }

    @Test
    void anUnwritableDoneOrReportsFolderLeavesTheFileInTheInboxUntilItIsFixed() throws Exception {
        Path blockedDone = dataDir.resolve("done/Leads");
        Path blockedReports = dataDir.resolve("reports/Contacts");
        Files.createDirectories(blockedDone.getParent());
        Files.createDirectories(blockedReports.getParent());
        Files.writeString(blockedDone, "not a folder");
        Files.writeString(blockedReports, "not a folder");
        Logger logger = (Logger) LoggerFactory.getLogger(BulkIntake.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            Path leads = drop("Leads/insert/leads.csv", "Last_Name,Email\nSmith,smith@example.com\n");
            Path contacts = drop("Contacts/insert/contacts.csv", "Last_Name,Email\nJones,jones@example.com\n");

            // the inbox is consumed once this instance leads (a second or more after start): wait for both errors,
            // then ten more scans that must neither send anything nor log again
            await("both files reported", Duration.ofSeconds(30), () -> events(log).stream()
                    .filter(e -> e.getFormattedMessage().contains("stays in the inbox")).count() >= 2);
            Thread.sleep(2_000);
            assertThat(leads).exists().hasContent("Last_Name,Email\nSmith,smith@example.com\n");
            assertThat(contacts).exists();
            assertThat(sandbox.uploads()).isEmpty();
            List<String> errors = events(log).stream().filter(e -> e.getLevel() == Level.ERROR).map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(errors).filteredOn(m -> m.startsWith("leads.csv stays in the inbox")).hasSize(1)
                    .allSatisfy(m -> assertThat(m).contains(blockedDone.resolve("insert").toString()).contains("cannot be written"));
            assertThat(errors).filteredOn(m -> m.startsWith("contacts.csv stays in the inbox")).hasSize(1)
                    .allSatisfy(m -> assertThat(m).contains(blockedReports.resolve("insert").toString()));
            assertThat(get(managementPort, "/observe/health").statusCode()).isEqualTo(200);

            Files.delete(blockedDone);
            Files.delete(blockedReports);
            Path leadsDone = dataDir.resolve("done/Leads/insert/leads.csv");
            Path contactsDone = dataDir.resolve("done/Contacts/insert/contacts.csv");
            await("both files submitted once the folders are fixed", Duration.ofSeconds(30),
                    () -> Files.exists(leadsDone) && Files.exists(contactsDone));
            assertThat(leads).doesNotExist();
            await("the records in Zoho", Duration.ofSeconds(30),
                    () -> sandbox.records("Leads").size() == 1 && sandbox.records("Contacts").size() == 1);
            assertThat(sandbox.uploads()).hasSize(2);
        } finally {
            logger.detachAppender(log);
        }
    }

    /** A copy taken under the appender's lock: the runtime's threads append while the test reads. */
    private static List<ILoggingEvent> events(ListAppender<ILoggingEvent> appender) {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }
}
