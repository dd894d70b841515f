package io.zohocamel.bulk;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import io.zohocamel.common.SafeText;

/**
 * What can be checked of a dropped file before its rows are read, for {@link BulkIntake#accept}:
 * where it is (never read through a link out of the inbox), its name, its folder's job.json, its header.
 */
final class DroppedFileCheck {

    private final BulkFolders folders;
    private final CsvChunker chunker;

    DroppedFileCheck(BulkFolders folders, CsvChunker chunker) {
        this.folders = folders;
        this.chunker = chunker;
    }

    /** The file as a submission to read; a BulkInputException says why it cannot be one. */
    BulkSubmission accept(Path source) throws IOException {
        Path relative = folders.inbox().relativize(source);
        if (!folders.inInbox(source)) {
            throw new BulkInputException(BulkInputException.OUTSIDE_INBOX, "the folder inbox/" + relative.getParent()
                    + " links to a place outside the inbox; its files were left where they are, untouched. Make it a "
                    + "real folder and copy the files in");
        }
        String name = source.getFileName().toString();
        if (name.startsWith(".") || SafeText.hasUnsafe(name)) {
            throw new BulkInputException(BulkInputException.INVALID_FILE_NAME, "the file name \"" + SafeText.of(name)
                    + "\" " + (name.startsWith(".") ? "starts with a dot (a hidden file)" : "holds a line break or another "
                    + "control or formatting character (shown escaped)") + "; it was moved here as "
                    + SafeText.fileName(name) + ". Give it a plain name and drop it again");
        }
        if (relative.getNameCount() != 3) {
            throw new BulkInputException("UNEXPECTED_LOCATION", "files go to inbox/<Module>/<operation>/<name>.csv; "
                    + "this one is at inbox/" + relative);
        }
        String module = relative.getName(0).toString();
        String operation = relative.getName(1).toString().toLowerCase(Locale.ROOT);
        if (!BulkJobSpec.OPERATIONS.contains(operation)) {
            throw new BulkInputException(BulkInputException.UNKNOWN_OPERATION, "the folder '" + relative.getName(1)
                    + "' is not an operation: use insert, update or upsert");
        }
        if (!module.matches("[A-Za-z][A-Za-z0-9_]{0,99}")) {
            throw new BulkInputException("INVALID_MODULE", "the folder '" + module + "' is not a Zoho module API name");
        }
        folders.requireWritable(module, operation);
        Path inboxReal = folders.inbox().toRealPath();
        if (!source.toRealPath().startsWith(inboxReal)) {
            throw new BulkInputException(BulkInputException.OUTSIDE_INBOX,
                    "the file links to a place outside the inbox; copy the file in instead");
        }
        BulkJobSpec spec = BulkJobSpec.load(source.resolveSibling("job.json"), inboxReal).validateFor(operation);
        FieldMappings mappings = chunker.mappings(source, spec);
        if ("update".equals(operation) || "upsert".equals(operation)) {
            mappings.requireFindBy(spec);
        }
        return BulkSubmission.accepted(source, module, operation, spec);
    }
}
