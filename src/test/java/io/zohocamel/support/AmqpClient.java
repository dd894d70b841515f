package io.zohocamel.support;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;

import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnknownDescribedType;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Session;
import org.apache.qpid.proton.engine.Transport;
import org.apache.qpid.proton.message.Message;

/**
 * A bare AMQP 1.0 consumer (Proton-J's engine over a socket, as the broker's own AMQP support brings it): what a
 * client in another language (rhea, .NET) receives, the message's AMQP sections as they are on the wire, not
 * a JMS view of them.
 */
public final class AmqpClient {

    private static final Symbol SELECTOR_KEY = Symbol.valueOf("jms-selector");
    private static final Symbol SELECTOR_FILTER = Symbol.valueOf("apache.org:selector-filter:string");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Transport transport = Proton.transport();
    private final byte[] buffer = new byte[64 * 1024];

    private AmqpClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(100);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** The first message on {@code queue} matching the JMS {@code selector}, accepted; null when none comes in time. */
    public static Message receive(int port, String user, String password, String queue, String selector, Duration timeout)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return new AmqpClient(socket).receive(user, password, queue, selector, timeout);
        }
    }

    private Message receive(String user, String password, String queue, String selector, Duration timeout) throws IOException {
        transport.sasl().plain(user, password);
        Connection connection = Proton.connection();
        transport.bind(connection);
        connection.setContainer("amqp-test-client");
        connection.setHostname("127.0.0.1");
        connection.open();
        Session session = connection.session();
        session.open();
        Receiver receiver = session.receiver("results");
        Source source = new Source();
        source.setAddress(queue);
        source.setFilter(Map.of(SELECTOR_KEY, new UnknownDescribedType(SELECTOR_FILTER, selector)));
        receiver.setSource(source);
        receiver.setTarget(new Target());
        receiver.open();
        receiver.flow(1);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            pump();
            Delivery delivery = receiver.current();
            if (delivery != null && delivery.isReadable() && !delivery.isPartial()) {
                byte[] bytes = new byte[delivery.pending()];
                int read = receiver.recv(bytes, 0, bytes.length);
                receiver.advance();
                delivery.disposition(Accepted.getInstance());
                delivery.settle();
                Message message = Proton.message();
                message.decode(bytes, 0, read);
                connection.close();
                pump();
                return message;
            }
        }
        return null;
    }

    /** Writes what the engine has to send, then feeds it what arrived (if anything did within 100 ms). */
    private void pump() throws IOException {
        int pending;
        while ((pending = transport.pending()) > 0) {
            ByteBuffer head = transport.head();
            byte[] bytes = new byte[pending];
            head.get(bytes);
            out.write(bytes);
            transport.pop(pending);
        }
        out.flush();
        int read;
        try {
            read = in.read(buffer);
        } catch (SocketTimeoutException e) {
            return;
        }
        if (read < 0) {
            throw new EOFException("the broker closed the AMQP connection");
        }
        for (int offset = 0; offset < read; ) {
            ByteBuffer tail = transport.tail();
            int chunk = Math.min(tail.remaining(), read - offset);
            tail.put(buffer, offset, chunk);
            transport.process();
            offset += chunk;
        }
    }
}
