package io.zohocamel.bulk;

/**
 * Row counts of a merged result. {@code failed} = every row not ADDED or UPDATED (so SKIPPED rows are
 * counted in both skipped and failed) = the rows in failed.csv.
 */
public record MergeTotals(long total, long added, long updated, long skipped, long failed) {
}
