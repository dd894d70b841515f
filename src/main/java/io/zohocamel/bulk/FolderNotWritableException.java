package io.zohocamel.bulk;

/**
 * A folder a dropped file would be moved or reported into cannot be written: the runtime's own
 * problem, not the file's. The file stays in the inbox untouched and is taken again once the folder
 * is fixed.
 */
public class FolderNotWritableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FolderNotWritableException(String message, Throwable cause) {
        super(message, cause);
    }
}
