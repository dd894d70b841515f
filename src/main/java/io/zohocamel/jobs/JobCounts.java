package io.zohocamel.jobs;

/** Zoho's record counts for a job; null where Zoho has not said yet. */
public record JobCounts(Long total, Long added, Long updated, Long skipped, Long failed, Long notUpdated) {

    public static final JobCounts NONE = new JobCounts(null, null, null, null, null, null);
}
