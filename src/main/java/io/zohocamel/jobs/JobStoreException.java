package io.zohocamel.jobs;

/** The job store could not be read or written; the work it guards must not go on without it. */
public class JobStoreException extends RuntimeException {

    public JobStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
