package io.zohocamel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.zohocamel.bulk.BulkIntake;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an inbox folder holds besides the files: a job.json linked out of the inbox is never read and
 * no parser echoes a job.json's content; a folder linked out of the inbox is left alone; an oversized
 * job.json sends the file to error/ and stays where it is.
 */
class BulkInboxFoldersTest extends BulkInputTestSupport {

    @Test
    void aJobJsonLinkedOutOfTheInboxIsNeverReadAndNoParserEchoesContent() throws Exception {
        Path secret = dataDir.resolve("secrets/broker.password");
        String password = Files.readString(secret).trim();
        assertThat(password).hasSizeGreaterThan(8);
        String lookalike = "KY8J" + "q".repeat(20); // a secret-looking token in a job.json of the inbox itself
        ListAppender<ILoggingEvent> log = capture(Logger.ROOT_LOGGER_NAME);
        try {
            Path contacts = Files.createDirectories(dataDir.resolve("inbox/Contacts/insert"));
            Files.createSymbolicLink(contacts.resolve("job.json"), secret);
            // a chain: job.json -> hop (inside the inbox) -> the secret
            Path accounts = Files.createDirectories(dataDir.resolve("inbox/Accounts/insert"));
            Files.createSymbolicLink(accounts.resolve("hop"), secret);
            Files.createSymbolicLink(accounts.resolve("job.json"), accounts.resolve("hop"));
            Path vendors = Files.createDirectories(dataDir.resolve("inbox/Vendors/insert"));
            Files.writeString(vendors.resolve("job.json"), "{\n  \"find_by\": " + lookalike + "\n}");
            drop("Contacts/insert/contacts.csv", bytes("Last_Name\nA\n"));
            drop("Accounts/insert/accounts.csv", bytes("Account_Name\nA\n"));
            drop("Vendors/insert/vendors.csv", bytes("Vendor_Name\nA\n"));

            JsonNode contactsError = awaitError("Contacts/insert/contacts");
            JsonNode accountsError = awaitError("Accounts/insert/accounts");
            JsonNode vendorsError = awaitError("Vendors/insert/vendors");
            assertThat(contactsError.path("code").asText()).isEqualTo("OUTSIDE_INBOX");
            assertThat(contactsError.path("message").asText()).contains("job.json", "not read");
            assertThat(accountsError.path("code").asText()).isEqualTo("OUTSIDE_INBOX");
            // where and what kind, never the content
            assertThat(vendorsError.path("code").asText()).isEqualTo("INVALID_JOB_JSON");
            assertThat(vendorsError.path("message").asText()).contains("line 2, column").doesNotContain("KY8J");
            for (String name : new String[] {"Contacts/insert/contacts", "Accounts/insert/accounts", "Vendors/insert/vendors"}) {
                assertThat(Files.readString(dataDir.resolve("error/" + name + ".error.json")))
                        .doesNotContain(password).doesNotContain("KY8J");
                assertThat(dataDir.resolve("error/" + name + ".csv")).exists();
            }
            await("their log lines", Duration.ofSeconds(10), () -> messages(log).stream()
                    .filter(m -> m.matches("(contacts|accounts|vendors)\\.csv rejected.*")).count() >= 3);
            assertThat(events(log)).allSatisfy(e -> assertThat(e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage()))
                    .doesNotContain(password).doesNotContain("KY8J"));
            // the links belong to their folders and stay; the secret is untouched; nothing was sent
            assertThat(contacts.resolve("job.json")).isSymbolicLink();
            assertThat(accounts.resolve("job.json")).isSymbolicLink();
            assertThat(Files.readString(secret).trim()).isEqualTo(password);
            assertThat(sandbox.records("Contacts")).isEmpty();
            assertThat(sandbox.records("Vendors")).isEmpty();
        } finally {
            release(Logger.ROOT_LOGGER_NAME, log);
        }
    }

    @Test
    void aFolderLinkedOutOfTheInboxIsLeftAloneAndReportedOnce() throws Exception {
        Path elsewhere = Files.createTempDirectory("elsewhere");
        Path campaign = Files.writeString(Files.createDirectories(elsewhere.resolve("insert")).resolve("campaign.csv"),
                "Campaign_Name\nSpring\n");
        Path elsewhereToo = Files.createTempDirectory("elsewhere-op");
        Path deal = Files.writeString(elsewhereToo.resolve("deal.csv"), "Deal_Name,Stage\nBig,Qualification\n");
        FileTime campaignTime = Files.getLastModifiedTime(campaign);
        FileTime dealTime = Files.getLastModifiedTime(deal);
        ListAppender<ILoggingEvent> log = capture(BulkIntake.class.getName());
        Path moduleLink = dataDir.resolve("inbox/Campaigns");
        Path operationLink = dataDir.resolve("inbox/Deals/insert");
        try {
            Files.createDirectories(moduleLink.getParent());
            Files.createSymbolicLink(moduleLink, elsewhere);
            Files.createDirectories(operationLink.getParent());
            Files.createSymbolicLink(operationLink, elsewhereToo);

            JsonNode campaignError = awaitError("Campaigns/insert/campaign");
            JsonNode dealError = awaitError("Deals/insert/deal");
            assertThat(campaignError.path("code").asText()).isEqualTo("OUTSIDE_INBOX");
            assertThat(campaignError.path("message").asText()).contains("inbox/Campaigns/insert", "left where they are");
            assertThat(dealError.path("code").asText()).isEqualTo("OUTSIDE_INBOX");
            Thread.sleep(2_000); // ten more scans: the files must neither move nor be reported again
            assertThat(campaign).exists().hasContent("Campaign_Name\nSpring\n");
            assertThat(deal).exists().hasContent("Deal_Name,Stage\nBig,Qualification\n");
            assertThat(Files.getLastModifiedTime(campaign)).isEqualTo(campaignTime);
            assertThat(Files.getLastModifiedTime(deal)).isEqualTo(dealTime);
            assertThat(dataDir.resolve("error/Campaigns/insert/campaign.csv")).doesNotExist();
            assertThat(dataDir.resolve("error/Deals/insert/deal.csv")).doesNotExist();
            assertThat(messages(log)).filteredOn(m -> m.startsWith("campaign.csv rejected: OUTSIDE_INBOX")).hasSize(1);
            assertThat(messages(log)).filteredOn(m -> m.startsWith("deal.csv rejected: OUTSIDE_INBOX")).hasSize(1);
            assertThat(sandbox.records("Campaigns")).isEmpty();
            assertThat(sandbox.records("Deals")).isEmpty();
        } finally {
            release(BulkIntake.class.getName(), log);
            Files.deleteIfExists(moduleLink);
            Files.deleteIfExists(operationLink);
            deleteTree(elsewhere);
            deleteTree(elsewhereToo);
        }
    }

    @Test
    void anOversizedJobJsonSendsTheFileToErrorAndStaysInItsFolder() throws Exception {
        Path folder = Files.createDirectories(dataDir.resolve("inbox/Products/insert"));
        // valid JSON, only too large: 70,000 bytes of spaces
        String oversized = "{\"ignore_empty\": true" + " ".repeat(70_000) + "}";
        Path jobJson = Files.writeString(folder.resolve("job.json"), oversized);
        drop("Products/insert/products.csv", bytes("Product_Name\nWidget\n"));

        JsonNode error = awaitError("Products/insert/products");
        assertThat(error.path("code").asText()).isEqualTo("JOB_JSON_TOO_LARGE");
        assertThat(error.path("message").asText()).contains("job.json", "65,536 bytes");
        assertThat(dataDir.resolve("error/Products/insert/products.csv")).exists();
        // job.json belongs to the folder: moved away, the next files would go through with defaults
        assertThat(jobJson).exists().hasSize(oversized.length());
        assertThat(sandbox.records("Products")).isEmpty();
    }
}
