package io.github.switchboard.internal;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The few Tyrus-specific calls the configurator makes, kept in one class that is loaded only when
 * Tyrus is the WebSocket implementation ({@link #PRESENT} is checked first), so the impl jar also
 * deploys on containers without Tyrus.
 */
final class TyrusSupport {

    /** Whether Tyrus's classes are visible to Switchboard. */
    static final boolean PRESENT = isPresent("org.glassfish.tyrus.core.HandshakeException")
            && isPresent("org.glassfish.tyrus.spi.UpgradeResponse");

    private TyrusSupport() {
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, TyrusSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static boolean isTyrusRequest(HandshakeRequest request) {
        return PRESENT && Impl.isTyrusRequest(request);
    }

    static boolean isTyrusResponse(HandshakeResponse response) {
        return PRESENT && Impl.isTyrusResponse(response);
    }

    /**
     * Refuses the upgrade with {@code status} the only way Tyrus honours without opening the
     * socket: by throwing its {@code HandshakeException} from {@code modifyHandshake} (DESIGN.md
     * §4; a 401, 503 or 3xx status merely set on the response would open the socket anyway).
     * Never returns.
     */
    static RuntimeException reject(HandshakeResponse response, int status, String phrase) {
        return Impl.reject(response, status, phrase);
    }

    /** The client address Tyrus recorded (IP only, no port). */
    static Optional<InetSocketAddress> remoteAddress(HandshakeRequest request) {
        return Impl.remoteAddress(request);
    }

    static boolean secure(HandshakeRequest request) {
        return Impl.secure(request);
    }

    /** Holds the references to Tyrus types; initialised only after {@link #PRESENT}. */
    private static final class Impl {

        static boolean isTyrusRequest(HandshakeRequest request) {
            return request instanceof org.glassfish.tyrus.core.RequestContext;
        }

        static boolean isTyrusResponse(HandshakeResponse response) {
            return response instanceof org.glassfish.tyrus.spi.UpgradeResponse;
        }

        static RuntimeException reject(HandshakeResponse response, int status, String phrase) {
            if (response instanceof org.glassfish.tyrus.spi.UpgradeResponse r) {
                r.setReasonPhrase(phrase); // Tyrus would send "Switching Protocols"
            }
            throw Impl.<RuntimeException>sneaky(
                    new org.glassfish.tyrus.core.HandshakeException(status, phrase));
        }

        @SuppressWarnings("unchecked")
        private static <E extends Throwable> E sneaky(Throwable t) throws E {
            // modifyHandshake cannot declare Tyrus's checked HandshakeException, and Tyrus
            // catches exactly that type to refuse the upgrade (TyrusWebSocketEngine.upgrade).
            throw (E) t;
        }

        static Optional<InetSocketAddress> remoteAddress(HandshakeRequest request) {
            if (request instanceof org.glassfish.tyrus.core.RequestContext rc
                    && rc.getRemoteAddr() != null) {
                return Optional.of(InetSocketAddress.createUnresolved(rc.getRemoteAddr(), 0));
            }
            return Optional.empty();
        }

        static boolean secure(HandshakeRequest request) {
            return request instanceof org.glassfish.tyrus.core.RequestContext rc && rc.isSecure();
        }
    }
}
