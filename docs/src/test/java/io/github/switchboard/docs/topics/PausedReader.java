package io.github.switchboard.docs.topics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A client that reads only when the test says so: the slow consumer of the backpressure tests.
 * The test kit's client reads everything at once, so this one speaks the protocol over a plain
 * socket with a 4 KiB receive window: what it does not read stays in the server's buffers.
 * Every read gives up after 30 seconds.
 */
final class PausedReader implements AutoCloseable {

    /** One server frame. */
    record Frame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }

        String closeReason() {
            return new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket = new Socket();
    private final InputStream in;
    private final String head;

    /** Upgrades to {@code target} (path and query) with the extra header lines given. */
    PausedReader(int port, String target, String... headers) throws IOException {
        socket.setReceiveBufferSize(4096); // before connect: it sets the TCP window
        socket.connect(new InetSocketAddress("127.0.0.1", port), 30_000);
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n");
        for (String h : headers) {
            request.append(h).append("\r\n");
        }
        socket.getOutputStream().write(request.append("\r\n").toString()
                .getBytes(StandardCharsets.ISO_8859_1));
        head = readHead();
        if (!head.startsWith("HTTP/1.1 101 ")) {
            socket.close();
            throw new AssertionError("expected 101, got " + head);
        }
    }

    /** The server's response head, lines separated by CRLF. */
    String head() {
        return head;
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (!bytes.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed inside the response head: " + bytes);
            }
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads the next frame, waiting for it. */
    Frame read() throws IOException {
        byte[] start = in.readNBytes(2);
        if (start.length < 2) {
            throw new IOException("the connection ended before a frame");
        }
        long length = start[1] & 0x7f;
        int extra = length == 126 ? 2 : length == 127 ? 8 : 0;
        if (extra > 0) {
            length = 0;
            for (byte b : in.readNBytes(extra)) {
                length = (length << 8) | (b & 0xff);
            }
        }
        byte[] payload = in.readNBytes((int) length);
        if (payload.length < length) {
            throw new IOException("the connection ended inside a frame");
        }
        return new Frame(start[0] & 0x0f, payload);
    }

    /** Drops the connection with a TCP reset: no close frame, no FIN. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
