package io.zohocamel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.zohocamel.support.MainRuntime;
import io.zohocamel.support.RuntimeTestSupport;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A data.dir that an earlier version wrote with the usual umask 022 (store, journal, secrets readable by
 * every OS user) is narrowed at the next start, while what an operator opened for a dropping system stays
 * open. Each start is the real runtime (Camel Main with the real configuration and routes) on one data dir.
 */
class PrivateDataDirUpgradeTest {

    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private final Path dataDir = Path.of("target", "test-data", getClass().getSimpleName()).toAbsolutePath();
    private final Map<String, String> applied = new LinkedHashMap<>();
    private Main runtime;

    @AfterEach
    void tearDown() throws Exception {
        if (runtime != null) {
            runtime.stop();
        }
        applied.keySet().forEach(System::clearProperty);
    }

    @Test
    void whatAnEarlierVersionLeftReadableIsNarrowedAtStartAndTheOperatorsGrantsStay() throws Exception {
        RuntimeTestSupport.deleteTree(dataDir);
        runtime = start();
        runtime.stop();
        // as an earlier version left them: folders 0755, files 0644
        try (Stream<Path> all = Files.walk(dataDir)) {
            for (Path path : all.toList()) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        // and the operator let a dropping system's group write to the inbox
        Path inbox = dataDir.resolve("inbox");
        Files.setPosixFilePermissions(inbox, PosixFilePermissions.fromString("rwxrwxr-x"));

        runtime = start();
        assertThat(Files.getPosixFilePermissions(dataDir)).isEqualTo(FOLDER);
        List<Path> store = List.of(dataDir.resolve("jobs.mv.db"), dataDir.resolve("broker"), dataDir.resolve("secrets"));
        assertThat(store.get(0)).exists();
        for (Path root : store) {
            try (Stream<Path> tree = Files.walk(root)) {
                for (Path path : tree.toList()) {
                    assertThat(Files.getPosixFilePermissions(path)).as(dataDir.relativize(path).toString())
                            .isEqualTo(Files.isDirectory(path) ? FOLDER : FILE);
                }
            }
        }
        try (Stream<Path> journal = Files.list(dataDir.resolve("broker/journal"))) {
            assertThat(journal.map(p -> p.getFileName().toString())).anyMatch(name -> name.endsWith(".amq"));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(inbox))).as("the operator's inbox")
                .isEqualTo("rwxrwxr-x");
        runtime.stop();

        // search only, for a dropping system to reach the inbox: an operator's grant, not a leak
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx--x--x"));
        runtime = start();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx--x--x");
    }

    private Main start() throws Exception {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("data.dir", dataDir.toString());
        props.put("http.port", String.valueOf(RuntimeTestSupport.freePort()));
        props.put("management.port", String.valueOf(RuntimeTestSupport.freePort()));
        props.put("broker.url", "tcp://127.0.0.1:" + RuntimeTestSupport.freePort());
        props.put("hawtio.enabled", "false");
        return MainRuntime.start(props, applied);
    }
}
