package io.zohocamel.ops;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.zohocamel.common.LogLimit;
import io.zohocamel.common.SafeText;

/**
 * The console answers its own pages only: a request another site's page makes a logged-in operator's
 * browser send (a form, a fetch, an image) is refused with 403 before it reaches Hawtio or Jolokia.
 * Browsers say where a request comes from in {@code Origin} (every POST and cross-origin fetch) and
 * {@code Sec-Fetch-Site}; a request that carries neither (curl, scripts) is not a browser's and passes.
 * Only a plain link followed from elsewhere (a top-level GET navigation) is let through: it gets the
 * login page, since the session cookie is SameSite=Strict.
 */
final class SameOriginGuard extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(SameOriginGuard.class);

    private final LogLimit logLimit = new LogLimit(Duration.ofMinutes(1));

    SameOriginGuard(Handler handler) {
        super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        String site = request.getHeaders().get("Sec-Fetch-Site");
        boolean foreignOrigin = origin != null && !sameAuthority(origin, request.getHeaders().get(HttpHeader.HOST));
        boolean foreignSite = site != null && !"same-origin".equals(site) && !"none".equals(site) && !isNavigation(request);
        if (foreignOrigin || foreignSite) {
            refused(origin != null ? origin : site);
            Response.writeError(request, response, callback, 403, "cross-origin request refused");
            return true;
        }
        return super.handle(request, response, callback);
    }

    private static boolean isNavigation(Request request) {
        return "GET".equals(request.getMethod()) && "navigate".equals(request.getHeaders().get("Sec-Fetch-Mode"));
    }

    /**
     * The Origin's host and port against the Host the browser addressed. The scheme is not compared, so a
     * proxy that ends TLS in front of the console (Origin https, request http) keeps working.
     */
    static boolean sameAuthority(String origin, String host) {
        if (host == null || "null".equals(origin)) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null) {
                return false;
            }
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return withoutDefaultPort(authority).equals(withoutDefaultPort(host));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static String withoutDefaultPort(String authority) {
        String lower = authority.toLowerCase(Locale.ROOT);
        return lower.endsWith(":80") || lower.endsWith(":443") ? lower.substring(0, lower.lastIndexOf(':')) : lower;
    }

    /** One line a minute at most: a page hammering the console must not flood the log. */
    private void refused(String from) {
        long count = logLimit.admit();
        if (count > 0) {
            LOG.warn("Console: refused {} cross-origin request(s), the last from {}", count, SafeText.of(from, 100));
        }
    }
}
