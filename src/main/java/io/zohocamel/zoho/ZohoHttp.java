package io.zohocamel.zoho;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityTemplate;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * The HTTP exchanges that hold a Zoho call slot (JSON calls and uploads), made on the caller's own
 * thread by a blocking client. The JDK's HttpClient passes every exchange between its selector and
 * executor threads, and on a busy host each hand-off waits for a core while the slot stays taken
 * (mass-update bench on 2 cores, five interleaved runs each: a just-started runtime went from 0.48 to
 * 0.53 of Zoho's ideal rate, a running one from 0.67 to 0.73).
 *
 * <p>Keep-alive connections pooled per host, as many as calls may be in flight; no automatic retries
 * (a job creation is never sent twice behind the client's back: {@link ZohoClient} decides); no
 * redirects (the token would follow them). Answers may come gzip-compressed; they are decompressed
 * here.
 */
final class ZohoHttp implements AutoCloseable {

    /** Status and whole body of one answer. */
    record Reply(int status, byte[] body) {
    }

    private final CloseableHttpClient client;

    ZohoHttp(ZohoSettings settings) {
        Timeout read = Timeout.of(settings.readTimeout());
        client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(settings.maxConcurrentCalls())
                        // the API, upload and accounts hosts
                        .setMaxConnTotal(settings.maxConcurrentCalls() * 3)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                                .setSocketTimeout(read)
                                // a connection idle for a while is checked before reuse: the server may have closed it
                                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(read).setRedirectsEnabled(false).build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    /**
     * One exchange with the token; {@code body} parts are sent one after the other as one entity of
     * {@code contentType} (none: no body).
     */
    Reply exchange(String method, URI uri, String token, Map<String, String> headers, String contentType,
                   byte[]... body) throws IOException {
        HttpUriRequestBase request = new HttpUriRequestBase(method, uri);
        request.addHeader("Authorization", authorization(token));
        request.addHeader("Accept", "application/json");
        headers.forEach(request::addHeader);
        if (contentType != null) {
            long length = 0;
            for (byte[] part : body) {
                length += part.length;
            }
            request.setEntity(new EntityTemplate(length, ContentType.parse(contentType), null, out -> {
                for (byte[] part : body) {
                    out.write(part);
                }
            }));
        }
        return client.execute(request, response -> new Reply(response.getCode(),
                response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity())));
    }

    /** How every call to Zoho carries its access token. */
    static String authorization(String token) {
        return "Zoho-oauthtoken " + token;
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }
}
