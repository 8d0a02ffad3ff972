package io.github.switchboard.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The upgrade request exactly as the embedded server's HTTP layer parsed it, before Tyrus sees it:
 * every header line in order with its unsplit value, the peer address and the transport.
 *
 * <p>Why: Tyrus splits every header value on commas and drops text after {@code ,"} (DESIGN.md
 * §4), which corrupts cookies such as {@code prefs={"a":1,"b":2}} and values such as
 * {@code User-Agent}; JSR 356's {@code HandshakeRequest} has no remote address and no secure
 * flag. The embedded server's filter encodes this record into one private header
 * ({@link #HEADER}) that carries its per-server secret; {@code SnapshotFactory} trusts the record
 * only when the secret matches a running embedded server, and the filter strips any such header a
 * client sent. Base64 contains no comma, so the value survives Tyrus's splitting.
 *
 * @param headers the header lines in request order, names as sent
 * @param remote  the peer address
 * @param local   the server address the connection arrived on
 * @param secure  whether the connection is TLS
 */
public record RawCapture(List<Map.Entry<String, String>> headers, InetSocketAddress remote,
        InetSocketAddress local, boolean secure) {

    /** The private header; lower-case, as every header name in the snapshot. */
    public static final String HEADER = "x-switchboard-capture";

    public RawCapture {
        headers = List.copyOf(headers);
    }

    /**
     * The private response header through which the configurator hands a refusal's headers to
     * the embedded gate, which writes each value as a line of its own (Tyrus would join the
     * values of one name with commas, which breaks {@code Set-Cookie}).
     */
    public static final String RESPONSE_HEADERS = "x-switchboard-headers";

    /** Header lines as one comma-free value (base64). */
    public static String encodeLines(List<Map.Entry<String, String>> lines) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeLines(out, lines);
        } catch (IOException impossible) {
            throw new AssertionError(impossible);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /** The lines {@link #encodeLines} wrote, or empty when {@code value} is not such a value. */
    public static Optional<List<Map.Entry<String, String>>> decodeLines(String value) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(
                Base64.getDecoder().decode(value)))) {
            return Optional.of(readLines(in));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code secret + "." + base64(record)}. */
    public String encode(String secret) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeLines(out, headers);
            writeAddress(out, remote);
            writeAddress(out, local);
            out.writeBoolean(secure);
        } catch (IOException impossible) {
            throw new AssertionError(impossible);
        }
        return secret + "." + Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /**
     * Decodes a header value written by {@link #encode} with {@code secret}; empty when the
     * secret differs or the value is malformed (a client's forgery never decodes).
     */
    public static Optional<RawCapture> decode(String value, String secret) {
        if (value == null || !value.startsWith(secret + ".")) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(
                Base64.getDecoder().decode(value.substring(secret.length() + 1))))) {
            List<Map.Entry<String, String>> headers = readLines(in);
            InetSocketAddress remote = readAddress(in);
            InetSocketAddress local = readAddress(in);
            boolean secure = in.readBoolean();
            return Optional.of(new RawCapture(headers, remote, local, secure));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void writeLines(DataOutputStream out, List<Map.Entry<String, String>> lines)
            throws IOException {
        out.writeInt(lines.size());
        for (Map.Entry<String, String> h : lines) {
            writeString(out, h.getKey());
            writeString(out, h.getValue());
        }
    }

    private static List<Map.Entry<String, String>> readLines(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 10_000) {
            throw new IOException("bad line count");
        }
        List<Map.Entry<String, String>> lines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            lines.add(Map.entry(readString(in), readString(in)));
        }
        return lines;
    }

    private static void writeAddress(DataOutputStream out, InetSocketAddress a) throws IOException {
        writeString(out, a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString());
        out.writeInt(a.getPort());
    }

    private static InetSocketAddress readAddress(DataInputStream in) throws IOException {
        String host = readString(in);
        int port = in.readInt();
        if (port < 0 || port > 65535) {
            throw new IOException("bad port");
        }
        // An IP literal is parsed without any name lookup; anything else stays unresolved.
        boolean literal = !host.isEmpty() && host.chars().allMatch(
                c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
                        || c == ':' || c == '.' || c == '%');
        return literal ? new InetSocketAddress(host, port)
                : InetSocketAddress.createUnresolved(host, port);
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 20) {
            throw new IOException("bad length");
        }
        return new String(in.readNBytes(n), java.nio.charset.StandardCharsets.UTF_8);
    }
}
