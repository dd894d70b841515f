package io.zohocamel.jobs;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The SQL of the credit ledger (table {@code zoho_credit}, V5). Times are epoch milliseconds. */
final class CreditRows {

    /** Credits spent in one minute of the window: {@code minute} is epoch ms / 60,000. */
    record Minute(long minute, long credits) {
    }

    private final JobStoreJdbc jdbc;

    CreditRows(JobStoreJdbc jdbc) {
        this.jdbc = jdbc;
    }

    void insert(long spentAt, String api, long credits, int calls, String instance) {
        jdbc.update("insert into zoho_credit (spent_at, api, credits, calls, instance) values (?, ?, ?, ?, ?)",
                spentAt, api, credits, calls, instance);
    }

    /** Credits spent after {@code from} (exclusive), by every instance. */
    long spentAfter(long from) {
        return jdbc.queryOne("select coalesce(sum(credits), 0) from zoho_credit where spent_at > ?",
                rs -> rs.getLong(1), from).orElse(0L);
    }

    /** Credits spent after {@code from} by api, by every instance. */
    Map<String, Long> spentAfterByApi(long from) {
        Map<String, Long> out = new TreeMap<>();
        jdbc.query("select api, sum(credits) from zoho_credit where spent_at > ? group by api",
                rs -> Map.entry(rs.getString(1), rs.getLong(2)), Integer.MAX_VALUE, from)
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** What was spent after {@code from}, minute by minute, oldest first: at most 1,440 rows a day. */
    List<Minute> minutesAfter(long from) {
        return jdbc.query("select spent_at / 60000, sum(credits) from zoho_credit where spent_at > ?"
                        + " group by spent_at / 60000 order by spent_at / 60000",
                rs -> new Minute(rs.getLong(1), rs.getLong(2)), Integer.MAX_VALUE, from);
    }

    /** When the oldest credit still in the window (after {@code from}) was spent; null when there is none. */
    Long oldestAfter(long from) {
        List<Long> oldest = jdbc.query("select min(spent_at) from zoho_credit where spent_at > ?", rs -> {
            long v = rs.getLong(1);
            return rs.wasNull() ? null : v;
        }, 1, from);
        return oldest.isEmpty() ? null : oldest.get(0);
    }

    /** Deletes what left the window; returns how many rows. */
    int deleteUpTo(long upTo) {
        return jdbc.update("delete from zoho_credit where spent_at <= ?", upTo);
    }
}
