package io.github.switchboard.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A raw TCP client for byte-exact checks of what the server writes: a hostile client is whatever
 * bytes these tests choose to send. Every read is bounded by a timeout, so no test can hang.
 */
final class RawClient implements AutoCloseable {

    static final int TIMEOUT_MS = 15_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private final int timeoutMs;

    RawClient(int port) throws IOException {
        this(port, TIMEOUT_MS);
    }

    /** A client whose reads give up after {@code timeoutMs}. */
    RawClient(int port, int timeoutMs) throws IOException {
        this(port, timeoutMs, 0);
    }

    /** A client with a small receive buffer ({@code receiveBuffer} bytes; 0 = the default). */
    RawClient(int port, int timeoutMs, int receiveBuffer) throws IOException {
        this.timeoutMs = timeoutMs;
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer); // before connect: sets the TCP window
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
        socket.setSoTimeout(timeoutMs);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    static String key() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    /** A well-formed upgrade request for {@code target} with extra header lines. */
    static String upgrade(String target, int port, String... extraHeaders) {
        StringBuilder sb = new StringBuilder()
                .append("GET ").append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Upgrade: websocket\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(key()).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        for (String h : extraHeaders) {
            sb.append(h).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }

    /**
     * A client that has upgraded to {@code target} and read the one greeting frame that
     * {@link ContextEndpoint} sends at open; fails if the upgrade is not answered with 101.
     */
    static RawClient greeted(int port, String target, int timeoutMs) throws IOException {
        RawClient client = new RawClient(port, timeoutMs);
        client.send(upgrade(target, port));
        String head = client.readHead();
        if (!head.startsWith("HTTP/1.1 101 ")) {
            client.close();
            throw new AssertionError("expected 101, got " + head);
        }
        client.skipPings(); // the greeting (a keep-alive ping may come first on a loaded machine)
        return client;
    }

    RawClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Reads up to and including the blank line that ends a response head. */
    String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside the response head: "
                        + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads exactly {@code n} bytes. */
    byte[] readExactly(int n) throws IOException {
        return in.readNBytes(n);
    }

    /** Reads until the server closes; fails if it does not within the timeout. */
    byte[] readToEof() throws IOException {
        try {
            return in.readAllBytes();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close the connection within "
                    + timeoutMs + " ms", e);
        }
    }

    /** Reads one server frame (unmasked); returns {opcode, payload...}. */
    /** The first byte of the frame {@link #readFrame} read last (FIN, RSV1-3, opcode). */
    int lastFirstByte;

    Frame readFrame() throws IOException {
        int b0 = in.read();
        int b1 = in.read();
        lastFirstByte = b0;
        if (b0 < 0 || b1 < 0) {
            throw new IOException("connection closed before a frame");
        }
        long len = b1 & 0x7f;
        if (len == 126) {
            len = (in.read() << 8) | in.read();
        } else if (len == 127) {
            len = 0;
            for (int i = 0; i < 8; i++) {
                len = (len << 8) | in.read();
            }
        }
        return new Frame(b0 & 0x0f, in.readNBytes((int) len));
    }

    /** Reads frames until one that is not a ping (the server's keep-alive) and returns it. */
    Frame skipPings() throws IOException {
        Frame f;
        do {
            f = readFrame();
        } while (f.opcode() == 0x9);
        return f;
    }

    /** A masked client frame. */
    static byte[] maskedFrame(int opcode, byte[] payload) {
        return frame(opcode, payload, true);
    }

    /** A masked fragment: opcode 0 continues a message, {@code fin} ends it. */
    static byte[] fragment(int opcode, byte[] payload, boolean fin) {
        byte[] f = frame(opcode, payload, true);
        if (!fin) {
            f[0] &= 0x7f;
        }
        return f;
    }

    /** An unmasked client frame: a protocol violation. */
    static byte[] unmaskedFrame(int opcode, byte[] payload) {
        return frame(opcode, payload, false);
    }

    private static byte[] frame(int opcode, byte[] payload, boolean mask) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x80 | opcode);
        int maskBit = mask ? 0x80 : 0;
        if (payload.length < 126) {
            f.write(maskBit | payload.length);
        } else if (payload.length > 0xffff) {
            f.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                f.write((int) ((long) payload.length >> shift) & 0xff);
            }
        } else {
            f.write(maskBit | 126);
            f.write(payload.length >> 8);
            f.write(payload.length & 0xff);
        }
        byte[] key = {1, 2, 3, 4};
        if (mask) {
            f.write(key, 0, 4);
        }
        for (int i = 0; i < payload.length; i++) {
            f.write(mask ? payload[i] ^ key[i % 4] : payload[i]);
        }
        return f.toByteArray();
    }

    record Frame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }
    }

    /** Header lines of a response head, names lower-cased, in order. */
    static Map<String, List<String>> headers(String head) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                out.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(),
                        k -> new java.util.ArrayList<>()).add(lines[i].substring(colon + 1).trim());
            }
        }
        return out;
    }

    /** Drops the connection with a TCP reset instead of a close handshake or a FIN. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
