package io.zohocamel.web;

import java.time.Duration;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The /jobs page for browsers: two tables built from the same snapshot the JSON answer carries, the
 * links to newer and older pages, and a banner while the runtime talks to the built-in sandbox.
 */
final class JobsHtml {

    private JobsHtml() {
    }

    static String render(JsonNode snapshot) {
        StringBuilder html = new StringBuilder(8192);
        html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"refresh\" content=\"5\"><title>zoho-crm-camel jobs</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;width:100%;margin-bottom:2rem}")
                .append("th,td{border-bottom:1px solid #ddd;padding:.4rem .6rem;text-align:left;vertical-align:top}")
                .append("progress{width:8rem}.FAILED,.ERROR,.LOST,.TIMED_OUT,.AUTH_ERROR,.CONFIG_ERROR,.DEAD_LETTERED{color:#b00020}")
                .append(".COMPLETED{color:#1b5e20}.PARTIAL{color:#b26a00}small{color:#666}")
                .append("#sandbox{background:#fff3cd;border:1px solid #b26a00;padding:.6rem 1rem;margin-bottom:1rem}</style></head><body>")
                .append("<h1>zoho-crm-camel</h1>");
        if (snapshot.path("sandbox").asBoolean()) {
            html.append("<p id=\"sandbox\" role=\"alert\"><strong>Built-in Zoho sandbox.</strong> This runtime is talking to ")
                    .append(esc(snapshot.path("zoho").asText())).append(". Set zoho.client-id, zoho.client-secret and ")
                    .append("zoho.refresh-token to use your org.</p>");
        }
        JsonNode page = snapshot.path("page");
        html.append("<p><small>Newest first, ").append(page.path("limit").asInt()).append(" a page; page ")
                .append(page.path("number").asInt()).append(". Refreshes every 5 seconds.</small></p>");

        html.append("<h2>Dropped files</h2><table id=\"files\"><thead><tr><th>Arrived</th><th>Took</th><th>File</th>")
                .append("<th>Module</th><th>Operation</th><th>Status</th><th>Rows</th><th>Jobs</th><th>Progress</th><th>Files</th>")
                .append("</tr></thead><tbody>");
        for (JsonNode f : snapshot.path("files")) {
            long chunks = f.path("chunks").asLong(0);
            long finished = f.path("jobs_finished").asLong(0);
            html.append("<tr>");
            when(html, f);
            html.append("<td>").append(esc(f.path("file").asText())).append("</td><td>")
                    .append(esc(f.path("module").asText())).append("</td><td>").append(esc(f.path("operation").asText()))
                    .append("</td><td class=\"").append(esc(f.path("status").asText())).append("\">")
                    .append(esc(f.path("status").asText()));
            code(html, f);
            if (f.hasNonNull("message")) {
                html.append("<br><small>").append(esc(f.path("message").asText())).append("</small>");
            }
            html.append("</td><td>").append(f.path("rows").asText("")).append("</td><td>");
            for (JsonNode j : f.path("jobs")) {
                html.append("<div>chunk ").append(j.path("chunk").asText()).append(": <span class=\"")
                        .append(esc(j.path("status").asText())).append("\">").append(esc(j.path("status").asText()))
                        .append("</span>");
                if (j.hasNonNull("added") || j.hasNonNull("skipped")) {
                    html.append(" <small>").append(j.path("added").asLong(0)).append(" added, ")
                            .append(j.path("updated").asLong(0)).append(" updated, ")
                            .append(j.path("skipped").asLong(0)).append(" skipped</small>");
                }
                html.append("</div>");
            }
            html.append("</td><td><progress max=\"").append(Math.max(chunks, 1)).append("\" value=\"").append(finished)
                    .append("\"></progress> ").append(finished).append("/").append(chunks).append("</td><td>");
            f.path("links").fields().forEachRemaining(link -> html.append("<a href=\"").append(esc(link.getValue().asText()))
                    .append("\">").append(esc(link.getKey())).append("</a> "));
            html.append("</td></tr>");
        }
        html.append("</tbody></table>");

        html.append("<h2>Mass updates</h2><table id=\"mass-updates\"><thead><tr><th>Arrived</th><th>Took</th><th>Request</th>")
                .append("<th>Module</th><th>Kind</th><th>Status</th><th>Zoho job</th><th>Summary</th></tr></thead><tbody>");
        for (JsonNode r : snapshot.path("mass_updates")) {
            html.append("<tr>");
            when(html, r);
            html.append("<td>").append(esc(r.path("request_id").asText())).append("</td><td>")
                    .append(esc(r.path("module").asText(""))).append("</td><td>").append(esc(r.path("kind").asText("")))
                    .append("</td><td class=\"").append(esc(r.path("status").asText())).append("\">")
                    .append(esc(r.path("status").asText()));
            code(html, r);
            if (r.hasNonNull("message")) {
                html.append("<br><small>").append(esc(r.path("message").asText())).append("</small>");
            }
            html.append("</td><td>")
                    .append(esc(r.path("zoho_job_id").asText(""))).append(r.has("job") ? " (" + esc(r.path("job").path("status").asText()) + ")" : "")
                    .append("</td><td>");
            JsonNode s = r.path("summary");
            if (!s.isMissingNode()) {
                html.append(s.path("updated").asText("0")).append(" updated of ").append(s.path("total").asText("?"));
            }
            html.append("</td></tr>");
        }
        html.append("</tbody></table><nav id=\"pages\">");
        if (page.hasNonNull("newer")) {
            html.append("<a rel=\"prev\" href=\"").append(esc(page.path("newer").asText())).append("\">&larr; newer</a> ");
        }
        if (page.hasNonNull("older")) {
            html.append("<a rel=\"next\" href=\"").append(esc(page.path("older").asText())).append("\">older &rarr;</a>");
        }
        html.append("</nav></body></html>");
        return html.toString();
    }

    /** The Arrived and Took cells: when it arrived (UTC) and, once it is over, how long it took. */
    private static void when(StringBuilder html, JsonNode row) {
        html.append("<td><time datetime=\"").append(esc(row.path("arrived_at").asText())).append("\">")
                .append(esc(row.path("arrived_at").asText().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z")))
                .append("</time></td><td>").append(row.hasNonNull("took_ms") ? took(row.path("took_ms").asLong()) : "")
                .append("</td>");
    }

    private static String took(long ms) {
        if (ms < 1_000) {
            return ms + " ms";
        }
        Duration d = Duration.ofMillis(ms);
        return d.toHours() > 0 ? d.toHours() + " h " + d.toMinutesPart() + " min"
                : d.toMinutes() > 0 ? d.toMinutes() + " min " + d.toSecondsPart() + " s"
                : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static void code(StringBuilder html, JsonNode row) {
        if (row.hasNonNull("code")) {
            html.append(" <code>").append(esc(row.path("code").asText())).append("</code>");
        }
    }

    private static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
