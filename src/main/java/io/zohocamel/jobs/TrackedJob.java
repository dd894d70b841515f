package io.zohocamel.jobs;

/** One Zoho job (a bulk-write chunk's job or a scheduled mass update) as the job store knows it. */
public record TrackedJob(
        long id,
        String kind,
        String module,
        String zohoJobId,
        Long bulkFileId,
        Integer chunkIndex,
        Long firstRow,
        Integer rowCount,
        String uploadFileId,
        String requestId,
        String status,
        String zohoStatus,
        JobCounts counts,
        String downloadUrl,
        String message,
        int polls,
        long pollIntervalMs,
        Long nextPollAt,
        long createdAt,
        Long finishedAt,
        /* when {@code counts} were read from Zoho (null: never); the poller's rate estimate */
        Long progressAt) {

    public static final String BULK_WRITE = "BULK_WRITE";
    public static final String MASS_UPDATE = "MASS_UPDATE";

    public boolean isBulkWrite() {
        return BULK_WRITE.equals(kind);
    }

    public boolean isFinished() {
        return JobState.isFinished(status);
    }
}
