package io.zohocamel.ops;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what the runtime writes under data.dir for its own OS user only: the job store (it holds the
 * Zoho access token), the broker's journal and large messages, generated secrets, customer files and
 * reports. H2, Artemis, Jetty and our own code create files with the process umask, which Java cannot
 * set: it is set to 077 here, through JNA, before anything is created, so new files are 0600 and new
 * folders 0700. What an earlier version left wider (the store, broker/, secrets/, data.dir) is narrowed.
 */
public final class PrivateFiles {

    private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);
    private static final int UMASK = 0077;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> LIST_OR_CHANGE = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private PrivateFiles() {
    }

    /** Call before anything is written under {@code dataDir}. */
    public static void apply(Path dataDir) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            LOG.warn("Files under {} get the folder's own ACL (not a POSIX file system): keep it closed to other users", dataDir);
            return;
        }
        boolean existed = Files.isDirectory(dataDir);
        Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        setUmask(dataDir);
        // Vert.x, behind the HTTP servers, keeps a file cache under java.io.tmpdir by default: under data.dir instead
        if (System.getProperty("vertx.cacheDirBase") == null) {
            System.setProperty("vertx.cacheDirBase", dataDir.resolve("tmp").resolve("vertx-cache").toString());
        }
        int narrowed = existed ? narrowEarlierVersion(dataDir) : 0;
        if (narrowed > 0) {
            LOG.info("Closed {} file(s) and folder(s) under {} that other OS users could read", narrowed, dataDir);
        }
    }

    private static void setUmask(Path dataDir) {
        try {
            // JNA unpacks its native part to a temporary file: inside data.dir (nothing outside it is touched)
            if (System.getProperty("jna.tmpdir") == null) {
                Path unpack = dataDir.resolve("jna");
                Files.createDirectories(unpack, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                System.setProperty("jna.tmpdir", unpack.toString());
            }
            Native.load(Platform.C_LIBRARY_NAME, LibC.class).umask(UMASK);
        } catch (IOException | RuntimeException | LinkageError e) {
            LOG.warn("Cannot set the umask (files under {} get the default modes; start with 'umask 077' to keep them private): {}",
                    dataDir, e.toString());
        }
    }

    /**
     * data.dir becomes 0700 when group or others could list or change it; a search-only grant (--x, which
     * an operator gives to reach a drop folder below it) stays. The job store's files directly in it,
     * broker/ and secrets/ lose every group and others' bit. The folders inbox, done, error and reports
     * keep what the operator gave them; new ones get the umask. Links are never followed.
     */
    private static int narrowEarlierVersion(Path dataDir) throws IOException {
        AtomicInteger narrowed = new AtomicInteger();
        Set<PosixFilePermission> dirModes = Files.getPosixFilePermissions(dataDir);
        if (dirModes.stream().anyMatch(LIST_OR_CHANGE::contains)) {
            Set<PosixFilePermission> kept = EnumSet.copyOf(dirModes);
            kept.retainAll(OWNER_ONLY);
            Files.setPosixFilePermissions(dataDir, kept);
            narrowed.incrementAndGet();
        }
        try (var entries = Files.list(dataDir)) {
            for (Path entry : entries.toList()) {
                if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    ownerOnly(entry, narrowed);
                }
            }
        }
        for (String tree : new String[] {"broker", "secrets"}) {
            Path root = dataDir.resolve(tree);
            if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        ownerOnly(dir, narrowed);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile()) {
                            ownerOnly(file, narrowed);
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
            }
        }
        return narrowed.get();
    }

    /** Drops group and others' bits; the view never follows a link (it fails on one instead). */
    private static void ownerOnly(Path path, AtomicInteger narrowed) {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        try {
            Set<PosixFilePermission> modes = view.readAttributes().permissions();
            if (!OWNER_ONLY.containsAll(modes)) {
                modes.retainAll(OWNER_ONLY);
                view.setPermissions(modes);
                narrowed.incrementAndGet();
            }
        } catch (IOException e) {
            LOG.warn("Cannot make {} readable by this OS user only: {}", path, e.toString());
        }
    }

    /** The C library's umask(2). */
    interface LibC extends Library {
        int umask(int mask);
    }
}
