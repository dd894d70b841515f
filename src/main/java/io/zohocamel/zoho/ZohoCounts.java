package io.zohocamel.zoho;

/**
 * Record counts of a finished (or running) Zoho job. Bulk write fills total/added/updated/skipped
 * (summed over resource[].file); mass update fills total/updated/notUpdated/failed. Counts a job
 * kind does not report are 0.
 */
public record ZohoCounts(long total, long added, long updated, long skipped, long notUpdated, long failed) {
}
