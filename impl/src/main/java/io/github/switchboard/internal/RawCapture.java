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
 * flag. The embedded server's gate hands this record to the configurator through the
 * connection's I/O slot ({@code IoSlot.Handover}, with its server's secret), which the
 * handshake's read makes current on the thread that runs {@code modifyHandshake}. It used to
 * travel as a base64 request header ({@link #HEADER}) that Tyrus parsed and the configurator
 * decoded: about 5 % of the server's CPU per handshake (DESIGN.md §5 "Handshakes"). The gate
 * still strips any {@code x-switchboard-*} header a client sends, and the configurator refuses
 * one that reaches it elsewhere.
 *
 * @param headers the header lines in request order, names as sent
 * @param remote  the peer address
 * @param local   the server address the connection arrived on
 * @param secure  whether the connection is TLS
 */
public record RawCapture(List<Map.Entry<String, String>> headers, InetSocketAddress remote,
        InetSocketAddress local, boolean secure) {

    /**
     * Switchboard's private header name, which no request may carry to the configurator;
     * lower-case, as every header name in the snapshot.
     */
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
