package io.github.switchboard.internal;

import jakarta.websocket.Extension;
import java.util.List;

/**
 * An extension the embedded server installs and negotiates itself through
 * {@link io.github.switchboard.server.SwitchboardConfigurator#getNegotiatedExtensions}: a
 * client may offer one extension several times with different parameters (RFC 7692 §5), and
 * the server must be able to take a later offer or decline them all, which the container's
 * negotiation (the first offer of a known name, always accepted) cannot do.
 */
public interface NegotiableExtension extends Extension {

    /**
     * The extension this connection uses, chosen among the client's {@code offers} (every
     * extension the client asked for, in its order; never null), or null to decline.
     */
    Extension negotiate(List<Extension> offers);
}
