package io.zohocamel.web;

import com.fasterxml.jackson.databind.JsonNode;

/** The /jobs page for browsers: two tables built from the same snapshot the JSON answer carries. */
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
                .append(".COMPLETED{color:#1b5e20}.PARTIAL{color:#b26a00}small{color:#666}</style></head><body>")
                .append("<h1>zoho-crm-camel</h1><p><small>Refreshes every 5 seconds.</small></p>");

        html.append("<h2>Dropped files</h2><table id=\"files\"><thead><tr><th>File</th><th>Module</th><th>Operation</th>")
                .append("<th>Status</th><th>Rows</th><th>Jobs</th><th>Progress</th><th>Files</th></tr></thead><tbody>");
        for (JsonNode f : snapshot.path("files")) {
            long chunks = f.path("chunks").asLong(0);
            long finished = f.path("jobs_finished").asLong(0);
            html.append("<tr><td>").append(esc(f.path("file").asText())).append("</td><td>")
                    .append(esc(f.path("module").asText())).append("</td><td>").append(esc(f.path("operation").asText()))
                    .append("</td><td class=\"").append(esc(f.path("status").asText())).append("\">")
                    .append(esc(f.path("status").asText()));
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

        html.append("<h2>Mass updates</h2><table id=\"mass-updates\"><thead><tr><th>Request</th><th>Module</th><th>Kind</th>")
                .append("<th>Status</th><th>Zoho job</th><th>Summary</th></tr></thead><tbody>");
        for (JsonNode r : snapshot.path("mass_updates")) {
            html.append("<tr><td>").append(esc(r.path("request_id").asText())).append("</td><td>")
                    .append(esc(r.path("module").asText())).append("</td><td>").append(esc(r.path("kind").asText()))
                    .append("</td><td class=\"").append(esc(r.path("status").asText())).append("\">")
                    .append(esc(r.path("status").asText())).append("</td><td>")
                    .append(esc(r.path("zoho_job_id").asText(""))).append(r.has("job") ? " (" + esc(r.path("job").path("status").asText()) + ")" : "")
                    .append("</td><td>");
            JsonNode s = r.path("summary");
            if (!s.isMissingNode()) {
                html.append(s.path("updated").asText("0")).append(" updated of ").append(s.path("total").asText("?"));
            }
            html.append("</td></tr>");
        }
        html.append("</tbody></table></body></html>");
        return html.toString();
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
