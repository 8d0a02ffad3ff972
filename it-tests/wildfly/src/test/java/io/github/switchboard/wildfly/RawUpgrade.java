package io.github.switchboard.wildfly;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One upgrade request written by hand on a raw socket, and what came back: the response head
 * exactly as sent, then either the body and the connection's fate (closed by the server or still
 * open when the wait ended) or, after a 101, the first frame.
 */
final class RawUpgrade {

    /** How long to wait for the server's next move. Only a failure waits this long. */
    static final int WAIT_MILLIS = 5_000;

    final String head;
    final int status;
    final Map<String, List<String>> headers;
    /** True when the server closed the TCP connection after its answer. */
    final boolean closed;
    /** After a refusal: what the next read gave (-1 end of stream, -2 nothing within the wait). */
    int after = -1;
    /** After a 101: the first frame's opcode, or -1 when none came. */
    final int opcode;
    /** After a 101: the first frame's payload. */
    final byte[] payload;

    private RawUpgrade(String head, Map<String, List<String>> headers, boolean closed, int opcode,
            byte[] payload) {
        this.head = head;
        this.status = Integer.parseInt(head.split(" ", 3)[1]);
        this.headers = headers;
        this.closed = closed;
        this.opcode = opcode;
        this.payload = payload;
    }

    static RawUpgrade send(URI base, String pathAndQuery, String... extraHeaders) throws IOException {
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(WAIT_MILLIS);
            StringBuilder req = new StringBuilder("GET " + base.getPath() + pathAndQuery
                    + " HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n");
            for (String h : extraHeaders) {
                req.append(h).append("\r\n");
            }
            OutputStream out = s.getOutputStream();
            out.write(req.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            String head = readHead(in);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
                }
            }
            if (head.startsWith("HTTP/1.1 101")) {
                int b0 = read(in);
                if (b0 < 0) {
                    return new RawUpgrade(head, headers, true, -1, new byte[0]);
                }
                int len = read(in) & 0x7f;
                if (len == 126) {
                    len = (read(in) << 8) | read(in);
                }
                byte[] payload = in.readNBytes(len);
                return new RawUpgrade(head, headers, false, b0 & 0x0f, payload);
            }
            List<String> length = headers.getOrDefault("content-length", List.of());
            if (!length.isEmpty()) {
                in.readNBytes(Integer.parseInt(length.get(0)));
            }
            int next = read(in);
            RawUpgrade r = new RawUpgrade(head, headers, next == -1, -1, new byte[0]);
            r.after = next;
            return r;
        }
    }

    /** The next byte, -1 at end of stream, -2 when nothing came within the wait. */
    private static int read(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            return -2;
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the server closed the connection before a complete "
                        + "response head: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                return new String(h, 0, n - 4, StandardCharsets.ISO_8859_1);
            }
        }
    }

    /** A close frame's code, or -1. */
    int closeCode() {
        return opcode == 8 && payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
    }

    @Override
    public String toString() {
        return head + "\n[closed=" + closed + " after=" + after + " opcode=" + opcode + " payload="
                + new String(payload, StandardCharsets.UTF_8) + "]";
    }
}
