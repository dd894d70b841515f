package io.zohocamel.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.zohocamel.jobs.JobStore;

/**
 * Zoho's job callback. The path carries a secret only this runtime and Zoho know; the body is not
 * documented, so it is read only for job ids (long digit runs). A known id becomes due at once;
 * without one, every unfinished job becomes due (a cheap nudge, still one poll each).
 */
public class CallbackHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackHandler.class);
    private static final Pattern JOB_ID = Pattern.compile("\\d{10,25}");
    private static final int MAX_BODY = 64 * 1024;

    private final byte[] secret;
    private final JobStore store;

    public CallbackHandler(String secret, JobStore store) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.store = store;
    }

    public void handle(Exchange exchange) {
        Message msg = exchange.getMessage();
        String given = msg.getHeader("secret", "", String.class);
        if (!MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
            answer(msg, 404, "{\"status\":\"error\",\"code\":\"NOT_FOUND\"}");
            return;
        }
        byte[] body = msg.getBody(byte[].class);
        if (body != null && body.length > MAX_BODY) {
            answer(msg, 413, "{\"status\":\"error\",\"code\":\"BODY_TOO_LARGE\"}");
            return;
        }
        Set<String> ids = new LinkedHashSet<>();
        if (body != null) {
            Matcher m = JOB_ID.matcher(new String(body, StandardCharsets.UTF_8));
            while (m.find()) {
                ids.add(m.group());
            }
        }
        int due = 0;
        for (String id : ids) {
            due += store.makeDue(id);
        }
        if (due == 0) {
            due = store.makeAllDue();
        }
        LOG.info("Zoho callback received: {} job(s) due now", due);
        answer(msg, 200, "{\"status\":\"success\",\"due\":" + due + "}");
    }

    private static void answer(Message msg, int status, String json) {
        msg.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        msg.setHeader(Exchange.CONTENT_TYPE, "application/json");
        msg.setBody(json);
    }
}
