package io.zohocamel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.RuntimeTestSupport;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the runtime writes under data.dir is its own OS user's only (issue 17, finding 11): the job store
 * (it holds the Zoho access token), the broker's journal and large messages, generated secrets, the
 * folders, moved files' reports and error files, the console's unpacked WAR. Files 0600, folders 0700.
 */
class PrivateDataDirTest extends RuntimeTestSupport {

    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    @BeanInject
    CamelContext context;

    @BeanInject
    ZohoSandbox sandbox;

    /** What the test itself put in the inbox (and where the runtime moved it): a dropping system's, not the runtime's. */
    private final Set<Path> dropped = new HashSet<>();

    @Override
    protected Map<String, String> settings() {
        return QUICK_BULK;
    }

    @Test
    void everyFileTheRuntimeWritesIsItsOwnUsersOnly() throws Exception {
        drop("Leads/insert/leads.csv", "Last_Name,Email\nGood,good@example.com\n,no-name@example.com\n");
        drop("Leads/insert/header-only.csv", "Last_Name,Email\n");
        dropped.add(dataDir.resolve("done/Leads/insert/leads.csv"));
        dropped.add(dataDir.resolve("error/Leads/insert/header-only.csv"));

        String record = sandbox.putRecord("Leads", Map.of("Last_Name", "Mass", "Lead_Source", "Cold Call"));
        addProducerComponent(context);
        ProducerTemplate producer = context.createProducerTemplate();
        ConsumerTemplate consumer = context.createConsumerTemplate();
        producer.sendBody(PRODUCER + ":queue:zoho.mass-update", "{\"module\":\"Leads\",\"data\":[{\"Lead_Source\":\"Web\"}],"
                + "\"ids\":[\"" + record + "\"],\"request_id\":\"private-files-1\"}");
        Exchange result = consumer.receive(PRODUCER + ":queue:zoho.mass-update.results?selector=MassUpdateRequestId='private-files-1'",
                Duration.ofSeconds(30).toMillis());
        assertThat(result).as("the mass update's result").isNotNull();
        producer.stop();
        consumer.stop();

        // a CORE client sends bodies over 100 KiB as large messages: Artemis keeps them as files of their own
        // (on a queue of the test's own, which only the broker's admin may make)
        String admin = Files.readString(dataDir.resolve("secrets/broker.admin-password")).trim();
        try (Connection connection = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort, "admin", admin)
                .createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue("private-files.large"))
                    .send(session.createTextMessage("x".repeat(300 * 1024)));
        }

        Path reports = dataDir.resolve("reports/Leads/insert");
        await("leads' result", Duration.ofSeconds(60), () -> Files.exists(reports.resolve("leads.result.csv")));
        await("header-only's error file", Duration.ofSeconds(30),
                () -> Files.exists(dataDir.resolve("error/Leads/insert/header-only.error.json")));

        Map<Path, Set<PosixFilePermission>> seen = modesOfWhatTheRuntimeWrote();
        assertThat(seen.keySet()).as("what the runtime wrote").contains(dataDir, dataDir.resolve("jobs.mv.db"),
                dataDir.resolve("secrets/broker.password"), dataDir.resolve("secrets/callback.secret"),
                dataDir.resolve("inbox"), dataDir.resolve("done/Leads/insert"), reports.resolve("leads.result.csv"),
                reports.resolve("leads.failed.csv"), reports.resolve("leads.report.json"),
                dataDir.resolve("error/Leads/insert/header-only.error.json"), dataDir.resolve("hawtio/hawtio.war"),
                dataDir.resolve("broker/journal"), dataDir.resolve("broker/bindings"), dataDir.resolve("cluster"));
        assertThat(seen.keySet()).as("broker journal and large-message files")
                .anyMatch(p -> p.startsWith(dataDir.resolve("broker/journal")) && p.toString().endsWith(".amq"))
                .anyMatch(p -> p.startsWith(dataDir.resolve("broker/large-messages")) && p.toString().endsWith(".msg"));
        List<String> wider = new ArrayList<>();
        seen.forEach((path, modes) -> {
            boolean folder = Files.isDirectory(path);
            if (folder ? !modes.equals(FOLDER) : !FILE.containsAll(modes)) {
                wider.add(PosixFilePermissions.toString(modes) + " " + dataDir.relativize(path));
            }
        });
        assertThat(wider).as("files readable, folders reachable by other OS users").isEmpty();
    }

    /** Every folder and regular file under data.dir but the dropped files and the folders the test made in the inbox. */
    private Map<Path, Set<PosixFilePermission>> modesOfWhatTheRuntimeWrote() throws IOException {
        Map<Path, Set<PosixFilePermission>> modes = new java.util.TreeMap<>();
        Files.walkFileTree(dataDir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dropped.contains(dir)) {
                    modes.put(dir, Files.getPosixFilePermissions(dir));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() && !dropped.contains(file)) {
                    modes.put(file, Files.getPosixFilePermissions(file));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return modes;
    }

    private void drop(String relative, String content) throws IOException {
        Path staged = dataDir.resolveSibling(dataDir.getFileName() + "-staging").resolve(relative);
        Files.createDirectories(staged.getParent());
        Files.writeString(staged, content, StandardCharsets.UTF_8);
        Path target = dataDir.resolve("inbox").resolve(relative);
        for (Path folder = target.getParent(); !folder.equals(dataDir.resolve("inbox")); folder = folder.getParent()) {
            dropped.add(folder);
        }
        Files.createDirectories(target.getParent());
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
    }
}
