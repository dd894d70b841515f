package io.zohocamel.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A bare STOMP 1.2 client, as a producer written in any language would speak it: proves the
 * broker port serves non-Java clients with the configured credentials.
 */
public final class StompClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private StompClient(Socket socket) throws IOException {
        this.socket = socket;
        this.socket.setSoTimeout(10_000);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects and returns the client, or throws with the broker's ERROR frame. */
    public static StompClient connect(int port, String user, String password) throws IOException {
        StompClient client = new StompClient(new Socket("127.0.0.1", port));
        client.frame("CONNECT\naccept-version:1.2\nhost:127.0.0.1\nlogin:" + user + "\npasscode:" + password + "\n\n", null);
        String answer = client.readFrame();
        if (!answer.startsWith("CONNECTED")) {
            client.close();
            throw new IOException("STOMP connect refused: " + answer.lines().findFirst().orElse(answer));
        }
        return client;
    }

    /** SEND with a content-length, which Artemis turns into a bytes message; waits for the receipt. */
    public void send(String destination, String body) throws IOException {
        String answer = trySend(destination, Map.of(), body);
        if (!answer.startsWith("RECEIPT")) {
            throw new IOException("STOMP send failed: " + answer);
        }
    }

    /**
     * SEND with a content-length and these extra headers; returns the broker's answer frame: RECEIPT, or ERROR
     * (after which the broker closes the connection).
     */
    public String trySend(String destination, Map<String, String> headers, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder frame = new StringBuilder("SEND\ndestination:").append(destination)
                .append("\ncontent-type:application/json\ncontent-length:").append(bytes.length).append('\n');
        headers.forEach((name, value) -> frame.append(name).append(':').append(value).append('\n'));
        frame(frame.append("receipt:r1\n\n").toString(), bytes);
        return readFrame();
    }

    /** SUBSCRIBE (auto acknowledgement), with a selector when not null; returns the answer: RECEIPT or ERROR. */
    public String subscribe(String destination, String selector) throws IOException {
        frame("SUBSCRIBE\nid:s1\ndestination:" + destination + "\nack:auto\n"
                + (selector == null ? "" : "selector:" + selector + "\n") + "receipt:r2\n\n", null);
        return readFrame();
    }

    /** The next frame from the broker (a MESSAGE after {@link #subscribe}), headers and body as text. */
    public String receive() throws IOException {
        return readFrame();
    }

    private void frame(String headers, byte[] body) throws IOException {
        out.write(headers.getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            out.write(body);
        }
        out.write(0);
        out.flush();
    }

    private String readFrame() throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != 0) {
            if (frame.size() == 0 && (b == '\n' || b == '\r')) {
                continue; // heart-beats
            }
            frame.write(b);
        }
        return frame.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        try {
            frame("DISCONNECT\n\n", null);
        } catch (IOException ignored) {
            // already gone
        }
        socket.close();
    }
}
