package io.zohocamel.bulk;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The runtime's folders (inbox, done, error, reports) and the one way files move between them:
 * atomically, never over an existing file, never outside the folder they belong to.
 */
public record BulkFolders(Path inbox, Path done, Path error, Path reports) {

    public static BulkFolders of(String inbox, String done, String error, String reports) {
        return new BulkFolders(abs(inbox), abs(done), abs(error), abs(reports));
    }

    private static Path abs(String dir) {
        return Path.of(dir).toAbsolutePath().normalize();
    }

    /**
     * For a file at inbox/<Module>/<operation>/<file>: the module (0) or operation (1) folder's name when it is a
     * plain name (letters, digits, _), null for a file anywhere else or a name that is not.
     */
    public String inboxFolder(Path source, int index) {
        Path relative = source.startsWith(inbox) ? inbox.relativize(source) : null;
        if (relative == null || relative.getNameCount() != 3) {
            return null;
        }
        String name = relative.getName(index).toString();
        return name.matches("[A-Za-z0-9_]{1,100}") ? name : null;
    }

    public Path reportDir(String module, String operation) {
        return inside(reports, reports.resolve(module).resolve(operation));
    }

    /** Moves {@code file} into {@code dir}, keeping its name unless taken; returns where it went. */
    public Path moveInto(Path file, Path root, String module, String operation) throws IOException {
        return moveInto(file, root, module, operation, file.getFileName().toString());
    }

    /** Moves {@code file} into {@code dir} as {@code name} (numbered when taken); returns where it went. */
    public Path moveInto(Path file, Path root, String module, String operation, String name) throws IOException {
        Path dir = folder(root, module, operation);
        for (int attempt = 0; ; attempt++) {
            Path target = dir.resolve(attempt == 0 ? name : numbered(name, attempt));
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                continue; // an atomic move is rename(2), which replaces a file of that name without a word
            }
            try {
                return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException taken) {
                // keep looking: a name clash never overwrites
            } catch (IOException atomicNotSupported) {
                if (Files.exists(target)) {
                    continue;
                }
                return Files.move(file, target);
            }
        }
    }

    /**
     * True when the folder holding {@code file} really is inside the inbox: not reached through a module
     * or operation folder that links out of it. Only such a file is ours to move; a linked CSV file
     * itself is (moving a link moves the link, never its target).
     */
    public boolean inInbox(Path file) {
        try {
            return file.getParent().toRealPath().startsWith(inbox.toRealPath());
        } catch (IOException | SecurityException gone) {
            return false;
        }
    }

    /** {@code root/<module>/<operation>} (or {@code root} without a module), created if missing. */
    public Path folder(Path root, String module, String operation) throws IOException {
        Path dir = inside(root, module == null ? root : root.resolve(module).resolve(operation));
        Files.createDirectories(dir);
        return dir;
    }

    /**
     * Checks, by writing and removing a probe file, that every folder a file of this module and
     * operation may end up in (done/, error/, reports/) can be written, before anything is sent.
     */
    public void requireWritable(String module, String operation) {
        for (Path root : new Path[] {done, error, reports}) {
            Path dir = inside(root, root.resolve(module).resolve(operation));
            try {
                Files.createDirectories(dir);
                Files.delete(Files.createTempFile(dir, ".write-check-", ".tmp"));
            } catch (IOException | SecurityException e) {
                throw new FolderNotWritableException("the folder " + dir + " cannot be written (" + e.getClass().getSimpleName()
                        + ": " + e.getMessage() + "); make it a writable folder", e);
            }
        }
    }

    /**
     * leads.csv → leads: the name reports, result and error files are written under. A name too long
     * to take a suffix like {@code .report.json} (file names stop at 255 bytes) is cut and given a
     * short hash of the whole name, so two long names never share their files.
     */
    public static String baseName(String fileName) {
        String base = fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? fileName.substring(0, fileName.length() - 4) : fileName;
        if (base.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_BASE_BYTES) {
            return base;
        }
        StringBuilder cut = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < base.length(); ) {
            int cp = base.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes + size > MAX_BASE_BYTES - 9) {
                break;
            }
            cut.appendCodePoint(cp);
            bytes += size;
            i += Character.charCount(cp);
        }
        return cut + "~" + String.format("%08x", base.hashCode());
    }

    /** Room for the longest suffix (".report.json", or "-<n>" and ".error.json") within 255 bytes. */
    static final int MAX_BASE_BYTES = 200;

    /** leads.csv, 2 → leads-2.csv */
    static String numbered(String name, int n) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name + "-" + n : name.substring(0, dot) + "-" + n + name.substring(dot);
    }

    /** Refuses any path that would leave its root (a module or operation named "..", a symlink). */
    static Path inside(Path root, Path candidate) {
        Path normalized = candidate.toAbsolutePath().normalize();
        if (!normalized.startsWith(root)) {
            throw new BulkInputException("INVALID_PATH", "the path " + candidate + " leaves " + root);
        }
        return normalized;
    }
}
