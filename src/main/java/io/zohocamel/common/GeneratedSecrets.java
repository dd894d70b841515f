package io.zohocamel.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passwords the operator did not set (broker, console): generated once per installation, kept
 * under data.dir/secrets readable by the owner only, and announced once by file name, never by value.
 */
public final class GeneratedSecrets {

    private static final Logger LOG = LoggerFactory.getLogger(GeneratedSecrets.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;

    public GeneratedSecrets(Path dataDir) {
        this.dir = dataDir.resolve("secrets");
    }

    /** The secrets under the data.dir setting. */
    public static GeneratedSecrets under(String dataDir) {
        return new GeneratedSecrets(Path.of(dataDir).toAbsolutePath().normalize());
    }

    /** The operator's password for the console and /jobs (http.auth.password). */
    public String operatorPassword(String configured) {
        return resolve("http.password", configured, "console");
    }

    /** The secret path segment of Zoho's callback URL (never configured). */
    public String callbackSecret() {
        return resolve("callback.secret", null, "Zoho callback");
    }

    /** The configured value when set, else the generated one stored as {@code secrets/<name>}. */
    public String resolve(String name, String configured, String purpose) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Path file = dir.resolve(name);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            Files.createDirectories(dir);
            String secret = random();
            Path tmp = Files.createTempFile(dir, name, ".tmp");
            restrictToOwner(tmp);
            Files.writeString(tmp, secret + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file);
            } catch (FileAlreadyExistsException raced) {
                Files.deleteIfExists(tmp);
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            LOG.info("Generated a {} password; it is stored in {} (set it explicitly to choose your own)",
                    purpose, file.toAbsolutePath());
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the generated " + purpose + " password under " + dir, e);
        }
    }

    /** A new random secret (24 bytes, URL-safe base64), for secrets kept in memory only as well. */
    public static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the data folder's own ACL applies
        }
    }
}
