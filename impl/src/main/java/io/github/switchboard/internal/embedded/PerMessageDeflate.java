package io.github.switchboard.internal.embedded;

import io.github.switchboard.internal.NegotiableExtension;
import jakarta.websocket.Extension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * permessage-deflate (RFC 7692) as the embedded server installs it on an endpoint that enables
 * {@link io.github.switchboard.WebSocketOptions#perMessageDeflate}. Tyrus's own extension is not
 * used: it inflates a message without any bound (DESIGN.md §4). This one negotiates (RFC 7692
 * §7.1): it takes the first offer whose parameters are valid and that it can honour, always
 * answers {@code server_no_context_takeover} (so that one compressed frame serves every
 * connection), accepts {@code client_no_context_takeover}, and declines offers with
 * {@code server_max_window_bits} below 15 ({@link java.util.zip.Deflater} cannot make its window
 * smaller). Each negotiated connection gets its own {@link DeflateCodec}. Immutable.
 */
final class PerMessageDeflate implements NegotiableExtension {

    static final String NAME = "permessage-deflate";

    private final long limit;

    /** @param limit the most bytes one client message may inflate to */
    PerMessageDeflate(long limit) {
        this.limit = limit;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public List<Parameter> getParameters() {
        return List.of();
    }

    @Override
    public Extension negotiate(List<Extension> offers) {
        for (Extension offer : offers) {
            if (NAME.equalsIgnoreCase(offer.getName())) {
                List<Parameter> answer = answer(offer.getParameters());
                if (answer != null) {
                    boolean clientResets = answer.stream()
                            .anyMatch(p -> p.getName().equals("client_no_context_takeover"));
                    return new DeflateCodec(limit, clientResets, answer);
                }
            }
        }
        return null;
    }

    /** The parameters of the answer to {@code offered}, or null to decline that offer. */
    static List<Parameter> answer(List<Parameter> offered) {
        List<Parameter> answer = new ArrayList<>();
        answer.add(new Param("server_no_context_takeover", null));
        Set<String> seen = new HashSet<>();
        for (Parameter p : offered == null ? List.<Parameter>of() : offered) {
            String name = p.getName() == null ? "" : p.getName().toLowerCase(java.util.Locale.ROOT);
            String value = unquote(p.getValue());
            if (!seen.add(name)) {
                return null; // a parameter given twice makes the offer invalid (§7)
            }
            switch (name) {
                case "server_no_context_takeover" -> {
                    if (value != null) {
                        return null;
                    }
                }
                case "client_no_context_takeover" -> {
                    if (value != null) {
                        return null;
                    }
                    answer.add(new Param("client_no_context_takeover", null));
                }
                case "server_max_window_bits" -> {
                    Integer bits = windowBits(value);
                    if (bits == null || bits < 15) {
                        return null; // invalid, or a window the JDK's deflater cannot keep to
                    }
                    answer.add(new Param("server_max_window_bits", "15"));
                }
                case "client_max_window_bits" -> {
                    if (value != null && windowBits(value) == null) {
                        return null;
                    }
                    // Not answered: the client may then use any window, and the inflater reads
                    // every window size.
                }
                default -> {
                    return null; // an unknown parameter makes the offer invalid (§7)
                }
            }
        }
        return answer;
    }

    /** 8 to 15 written as plain digits without a leading zero (§7.1.2), else null. */
    private static Integer windowBits(String value) {
        if (value == null || !value.matches("[1-9][0-9]?")) {
            return null;
        }
        int bits = Integer.parseInt(value);
        return bits >= 8 && bits <= 15 ? bits : null;
    }

    private static String unquote(String value) {
        if (value != null && value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** One extension parameter; a null value is written as the bare name. */
    record Param(String getName, String getValue) implements Parameter {
    }
}
