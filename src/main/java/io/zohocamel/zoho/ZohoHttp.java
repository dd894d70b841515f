package io.zohocamel.zoho;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLHandshakeException;

/**
 * The one HTTP client of the Zoho package: API calls, uploads, downloads and token requests all go
 * through it. Blocking, on the caller's own thread: the JDK's HttpClient passes every exchange
 * between its selector and executor threads, and on a busy host each hand-off waits for a core while
 * the call slot stays taken (mass-update bench on 2 cores, five interleaved runs each: a just-started
 * runtime went from 0.48 to 0.53 of Zoho's ideal rate, a running one from 0.67 to 0.73).
 *
 * <p>Keep-alive connections pooled per host; no automatic retries (a job creation is never sent
 * twice behind the client's back: {@link ZohoRetries} decides); no redirects (a redirect would carry
 * the token to a host nobody checked; downloads follow theirs themselves, see {@link ZohoDownloads}).
 * Answers may come gzip-compressed; the client asks for that and decompresses them.
 */
public final class ZohoHttp implements AutoCloseable {

    /** Zoho's count of the org's API credits left, on answers once half of them are used. */
    static final String CREDITS_REMAINING = "X-API-CREDITS-REMAINING";

    /** Status and whole body of one answer, and its {@value #CREDITS_REMAINING} header (null when absent). */
    record Reply(int status, byte[] body, String creditsRemaining) {
    }

    /** Reads an answer while its connection is open; {@code header} gives a header's first value or null. */
    @FunctionalInterface
    interface StreamReader<T> {
        T read(int status, UnaryOperator<String> header, InputStream body) throws IOException;
    }

    private final CloseableHttpClient client;

    public ZohoHttp(ZohoSettings settings) {
        Timeout read = Timeout.of(settings.readTimeout());
        client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        // one more than the calls in flight: a token refresh beside them when the
                        // accounts host is the API's (a sandbox)
                        .setMaxConnPerRoute(settings.maxConcurrentCalls() + 1)
                        // the API, upload, download and accounts hosts
                        .setMaxConnTotal(settings.maxConcurrentCalls() * 3 + 1)
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

    /** One call with the token; {@code body} null: none. The answer is read whole. */
    Reply exchange(String method, URI uri, String token, Map<String, String> headers, HttpEntity body)
            throws IOException {
        HttpUriRequestBase request = new HttpUriRequestBase(method, uri);
        request.addHeader("Authorization", authorization(token));
        request.addHeader("Accept", "application/json");
        headers.forEach(request::addHeader);
        request.setEntity(body);
        return client.execute(request, ZohoHttp::whole);
    }

    /** A form POST without a token: the refresh-token grant. */
    Reply postForm(URI uri, List<NameValuePair> form) throws IOException {
        HttpPost request = new HttpPost(uri);
        request.addHeader("Accept", "application/json");
        request.setEntity(new UrlEncodedFormEntity(form, StandardCharsets.UTF_8));
        return client.execute(request, ZohoHttp::whole);
    }

    /**
     * A GET with the token whose answer {@code reader} reads as it arrives. Whatever the reader leaves
     * unread is dropped with its connection, not drained: a body over the size cap may be huge.
     */
    <T> T stream(URI uri, String token, StreamReader<T> reader) throws IOException {
        HttpGet request = new HttpGet(uri);
        request.addHeader("Authorization", authorization(token));
        request.addHeader("Accept", "*/*");
        boolean drop = true;
        ClassicHttpResponse response = client.executeOpen(null, request, null);
        try {
            HttpEntity entity = response.getEntity();
            InputStream body = entity == null ? InputStream.nullInputStream() : entity.getContent();
            T result = reader.read(response.getCode(), name -> {
                Header header = response.getFirstHeader(name);
                return header == null ? null : header.getValue();
            }, body);
            drop = body.read() >= 0;
            return result;
        } finally {
            if (drop) {
                request.cancel(); // closes the connection at once; closing the answer then reads no further
            }
            try {
                response.close();
            } catch (IOException e) {
                if (!drop) {
                    throw e;
                }
            }
        }
    }

    /** How every call to Zoho carries its access token. */
    static String authorization(String token) {
        return "Zoho-oauthtoken " + token;
    }

    /**
     * The answer of an exchange that got none: CONNECTION_FAILED when no connection was made (the request never
     * left), TIMEOUT when Zoho was too slow, CONNECTION_LOST when the connection broke after it was made (Zoho
     * may have taken the request: {@link ZohoResponse#surelyNotTaken()} tells the two apart).
     */
    static ZohoResponse transportFailure(IOException e) {
        if (e instanceof ConnectTimeoutException) { // a SocketTimeoutException too: first
            return ZohoResponse.transportFailure("CONNECTION_FAILED", "connect timeout");
        }
        if (e instanceof SocketTimeoutException) {
            return ZohoResponse.transportFailure("TIMEOUT", "no answer within the read timeout");
        }
        String what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        boolean notConnected = e instanceof ConnectException || e instanceof UnknownHostException
                || e instanceof NoRouteToHostException || e instanceof SSLHandshakeException;
        return ZohoResponse.transportFailure(notConnected ? "CONNECTION_FAILED" : "CONNECTION_LOST", what);
    }

    private static Reply whole(ClassicHttpResponse response) throws IOException {
        HttpEntity entity = response.getEntity();
        Header credits = response.getFirstHeader(CREDITS_REMAINING);
        return new Reply(response.getCode(), entity == null ? new byte[0] : EntityUtils.toByteArray(entity),
                credits == null ? null : credits.getValue());
    }

    /** Closes the pooled connections. */
    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }
}
