package io.zohocamel.sandbox;

/**
 * Log entry of one job-completion callback the sandbox tried to deliver.
 *
 * @param httpStatus status answered by the receiver, or -1 when delivery failed
 * @param error      failure description when delivery failed, else null
 */
public record SandboxCallback(String jobId, String url, String body, int httpStatus, String error) {
}
