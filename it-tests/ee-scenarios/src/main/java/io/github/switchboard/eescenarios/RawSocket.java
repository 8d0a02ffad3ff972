package io.github.switchboard.eescenarios;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written by hand on a socket, for scenarios that need what a library hides:
 * a client that stops reading (so the server's outbound buffer fills), frames of a chosen size,
 * and the exact close code. Reads only when asked to; not thread-safe.
 */
public final class RawSocket implements AutoCloseable {

    /** A frame: its opcode and payload. */
    public record Frame(int opcode, byte[] payload) {
        /** The payload as UTF-8 text. */
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** A close frame's code, or -1. */
        public int closeCode() {
            return opcode == 8 && payload.length >= 2
                    ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /**
     * Upgrades {@code pathAndQuery} under {@code base}; fails unless the answer is {@code 101}.
     * The receive buffer is set small before connecting, so a client that stops reading is
     * felt by the server soon.
     */
    public static RawSocket open(URI base, String pathAndQuery) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(16 * 1024);
        s.connect(new java.net.InetSocketAddress(base.getHost(), base.getPort()),
                RawUpgrade.WAIT_MILLIS);
        s.setSoTimeout((int) Client.TIMEOUT_SECONDS * 1000);
        RawSocket r = new RawSocket(s);
        r.out.write(("GET " + base.getPath() + pathAndQuery + " HTTP/1.1\r\nHost: "
                + base.getAuthority() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        r.out.flush();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int b = r.in.read();
            if (b < 0) {
                s.close();
                throw new IOException("closed before a response head: " + head);
            }
            head.write(b);
            String h = head.toString(StandardCharsets.ISO_8859_1);
            if (h.endsWith("\r\n\r\n")) {
                if (!h.startsWith("HTTP/1.1 101")) {
                    s.close();
                    throw new IOException("not upgraded: " + h);
                }
                return r;
            }
        }
    }

    /** Sends one masked text frame holding {@code text}. */
    public void sendText(String text) throws IOException {
        send(1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one masked frame (final) with {@code opcode} and {@code payload}. */
    public void send(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
        f.write(0x80 | opcode);
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else if (payload.length < 65_536) {
            f.write(0x80 | 126);
            f.write(payload.length >>> 8);
            f.write(payload.length & 0xff);
        } else {
            f.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                f.write((int) ((long) payload.length >>> shift) & 0xff);
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        f.write(mask, 0, 4);
        for (int i = 0; i < payload.length; i++) {
            f.write(payload[i] ^ mask[i & 3]);
        }
        out.write(f.toByteArray());
        out.flush();
    }

    /**
     * The next frame; fails when none comes within the client timeout or the connection ends
     * first (then the message says so, and {@link #ended()} is how to expect it).
     */
    public Frame next() throws IOException {
        return next("");
    }

    /** As {@link #next()}, with {@code context} in the failure's message. */
    public Frame next(String context) throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            throw new IOException("the connection ended without a frame " + context);
        }
        int b1 = in.readUnsignedByte();
        long len = b1 & 0x7f;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        if ((b1 & 0x80) != 0) {
            throw new IOException("a server frame must not be masked");
        }
        if (len > 64L << 20) {
            throw new IOException("frame too large for a test: " + len);
        }
        byte[] payload = new byte[(int) len];
        in.readFully(payload);
        return new Frame(b0 & 0x0f, payload);
    }

    /**
     * The next frame, or null when the connection ended (end of stream or reset) before one;
     * fails when nothing comes within the client timeout.
     */
    public Frame nextOrEnd() throws IOException {
        try {
            return next();
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            return null; // ended, reset, or cut inside a frame
        }
    }

    /** True when the server closed the TCP connection (end of stream) within the timeout. */
    public boolean ended() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
