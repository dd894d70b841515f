package io.zohocamel.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The folder where the sandbox keeps uploaded ZIPs and job results, so that its heap holds no file's rows: a
 * 1,000,000-row file is forty 25,000-row uploads, which kept in memory outgrew the runtime's heap. The folder
 * is the configured one (the runtime's {@code data.dir/sandbox}) or a temporary one of its own. What it holds
 * is meaningless without the sandbox's memory: it is emptied when first used and when the sandbox stops.
 * File names are a counter, never an id from a request.
 */
final class SandboxStorage {

    private final Path configured;
    private final AtomicLong names = new AtomicLong();
    private Path dir;

    SandboxStorage(Path configured) {
        this.configured = configured == null ? null : configured.toAbsolutePath().normalize();
    }

    /** A fresh path for a new file (not created): {@code kind/N.zip}. */
    Path newFile(String kind) {
        try {
            Path folder = dir().resolve(kind);
            Files.createDirectories(folder);
            return folder.resolve(names.incrementAndGet() + ".zip");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized Path dir() throws IOException {
        if (dir == null) {
            if (configured == null) {
                dir = Files.createTempDirectory("zoho-sandbox");
            } else {
                Files.createDirectories(configured);
                empty(configured);
                dir = configured;
            }
        }
        return dir;
    }

    /** Empties the folder (and removes it when it was a temporary one). */
    synchronized void close() {
        if (dir == null) {
            return;
        }
        try {
            empty(dir);
            if (configured == null) {
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dir = null;
    }

    private static void empty(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(folder)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
