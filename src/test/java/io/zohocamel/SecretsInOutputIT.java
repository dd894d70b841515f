package io.zohocamel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.zohocamel.support.PackagedService;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs after every other test (its own failsafe execution, see the pom): searches everything the
 * test run wrote — the route tests' and ITs' output, every runtime's log, reports, result and error
 * files — for every secret the tests configured or the runtimes generated, and for any Zoho access
 * token in an Authorization header. The job store and the broker journal are not searched: keeping
 * the shared token and the messages is their job.
 */
class SecretsInOutputIT {

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Pattern AUTHORIZATION = Pattern.compile("Zoho-oauthtoken 1000\\.[0-9a-f]{8,}");

    @Test
    void noSecretAppearsInAnythingTheTestRunWrote() throws IOException {
        Map<String, String> secrets = secrets();
        List<Path> files = searched();
        assertThat(secrets.size()).as("secrets to look for (generated ones included)").isGreaterThan(20);
        assertThat(files.size()).as("files searched").isGreaterThan(20);
        List<String> leaks = new ArrayList<>();
        for (Path file : files) {
            // ISO-8859-1 keeps every byte: an ASCII secret is found in any encoding of the text around it
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            secrets.forEach((where, secret) -> {
                if (text.contains(secret)) {
                    leaks.add(TARGET.relativize(file) + " contains the secret from " + where);
                }
            });
            Matcher token = AUTHORIZATION.matcher(text);
            if (token.find()) {
                leaks.add(TARGET.relativize(file) + " contains an access token in an Authorization header");
            }
        }
        System.out.printf("secrets: %d files searched for %d secrets and access tokens, %d found%n", files.size(),
                secrets.size(), leaks.size());
        assertThat(leaks).as("secrets found in the test run's output (%d files searched for %d secrets)",
                files.size(), secrets.size()).isEmpty();
    }

    /** Where each secret comes from (never the secret itself, which must not reach the report either) → secret. */
    private static Map<String, String> secrets() throws IOException {
        Map<String, String> secrets = new LinkedHashMap<>();
        RealModeIT.SECRETS.forEach((name, value) -> secrets.put("RealModeIT " + name, value));
        secrets.put("RealModeSettings client secret", RealModeSettings.CLIENT_SECRET);
        secrets.put("RealModeSettings refresh token", RealModeSettings.REFRESH_TOKEN);
        secrets.put("MultiInstanceIT broker password", "broker-pw");
        secrets.put("JobPollerRestartTest client secret", "sandbox-secret");
        secrets.put("JobPollerRestartTest refresh token", "sandbox-refresh-token");
        for (Path root : List.of(TARGET.resolve("test-data"), PackagedService.IT_WORK)) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> all = Files.walk(root)) {
                for (Path file : all.filter(f -> Files.isRegularFile(f) && f.getParent().getFileName().toString().equals("secrets"))
                        .toList()) {
                    String secret = Files.readString(file).trim();
                    if (secret.length() >= 8) {
                        secrets.put(TARGET.relativize(file).toString(), secret);
                    }
                }
            }
        }
        return secrets;
    }

    private static List<Path> searched() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String reports : List.of("surefire-reports", "failsafe-reports")) {
            Path dir = TARGET.resolve(reports);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> all = Files.list(dir)) {
                    all.filter(f -> f.getFileName().toString().endsWith("-output.txt")).forEach(files::add);
                }
            }
        }
        for (Path root : List.of(TARGET.resolve("test-data"), PackagedService.IT_WORK)) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> all = Files.walk(root)) {
                // a link is a test's own hostile input (a job.json linked to a secret), not something the runtime wrote
                all.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).filter(SecretsInOutputIT::searchable)
                        .forEach(files::add);
            }
        }
        return files;
    }

    /** Logs, reports, result and error files; not the secrets themselves, the job store, the journal or Hawtio's WAR. */
    private static boolean searchable(Path file) {
        String path = file.toString().replace('\\', '/');
        String name = file.getFileName().toString();
        return !path.contains("/secrets/") && !path.contains("/broker/") && !path.contains("/hawtio/")
                && !name.endsWith(".mv.db") && !name.endsWith(".war") && !name.endsWith(".jar");
    }
}
