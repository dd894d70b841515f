package io.zohocamel.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * Who sent a request on a platform-http (Vert.x) route, for counting failed logins: the address at the
 * other end of the TCP connection. Never X-Forwarded-For or Forwarded: any client can write those.
 */
public final class ClientAddress {

    /** Requests whose connection cannot be seen share this one name (and so one count). */
    static final String UNKNOWN = "unknown";

    private ClientAddress() {
    }

    /** The peer's IPv4 address; for IPv6 its /64 network, as one host usually has a whole /64 to pick from. */
    public static String of(Exchange exchange) {
        return exchange.getIn() instanceof HttpMessage message ? of(message.getRequest()) : UNKNOWN;
    }

    public static String of(HttpServerRequest request) {
        HttpConnection connection = request == null ? null : request.connection();
        SocketAddress peer = connection == null ? null : connection.remoteAddress();
        if (peer == null || peer.hostAddress() == null) {
            return UNKNOWN;
        }
        try {
            // a literal address: parsed, never looked up
            InetAddress address = InetAddress.getByName(peer.hostAddress());
            if (address instanceof Inet6Address) {
                byte[] network = Arrays.copyOf(address.getAddress(), 16);
                Arrays.fill(network, 8, 16, (byte) 0);
                return InetAddress.getByAddress(network).getHostAddress() + "/64";
            }
            return address.getHostAddress();
        } catch (UnknownHostException notAnAddress) {
            return UNKNOWN;
        }
    }
}
