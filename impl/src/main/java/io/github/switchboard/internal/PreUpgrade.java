package io.github.switchboard.internal;

import io.github.switchboard.Attachments;
import io.github.switchboard.GuardResult;
import io.github.switchboard.Handshake;
import io.github.switchboard.internal.cdi.ConnectionServices;
import io.github.switchboard.internal.cdi.Requirements;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The decision of an upgrade on containers that are not Tyrus (WildFly/Undertow, Open Liberty):
 * snapshot, origin, guards and the endpoint's requirements, the same checks and in the same order
 * as {@link HandshakeProcessor} runs on Tyrus, but returned as a {@link Verdict} instead of
 * thrown, so that the caller (the Servlet guard filter before the upgrade, or the configurator's
 * fallback) answers in the way its container allows. Keep the two in step.
 *
 * <p>Stateless and thread-safe.
 */
public final class PreUpgrade {

    private static final System.Logger LOG = System.getLogger(PreUpgrade.class.getName());

    private PreUpgrade() {
    }

    /**
     * What the checks decided: either accepted ({@link #accepted()}, with the snapshot and the
     * guards' data) or refused with an HTTP status, its reason phrase and the headers to send.
     */
    public record Verdict(Handshake handshake, Attachments data, int status, String phrase,
            Map<String, List<String>> headers, String detail) {

        public boolean accepted() {
            return status == 101;
        }

        /**
         * The close code of the documented fallback where a status cannot be sent: 4000 plus
         * the status for 4xx (4401, 4403, 4400, ...), 1013 (try again later) for 503, 1011 for
         * any other server error.
         */
        public int closeCode() {
            return status >= 400 && status < 500 ? 4000 + status : status == 503 ? 1013 : 1011;
        }

        static Verdict refused(int status, String phrase, Map<String, List<String>> headers,
                String detail) {
            return new Verdict(null, null, status, phrase, headers, detail);
        }
    }

    /**
     * Runs the checks of one upgrade request to the endpoint {@code endpointClass} mapped to
     * {@code endpointPath}. Never throws: a failure of Switchboard itself is a 500 with a
     * correlation id (logged as {@code SWB-1004}).
     */
    public static Verdict check(Class<?> endpointClass, String endpointPath,
            SnapshotFactory.Request request) {
        Handshake handshake = null;
        try {
            SwitchboardRuntime runtime = SwitchboardRuntime.container();
            try {
                handshake = SnapshotFactory.create(request, endpointPath);
            } catch (SnapshotFactory.BadRequest e) {
                return Verdict.refused(400, "Bad Request", Map.of(), e.getMessage());
            }
            OriginPolicy origins = HandshakeProcessor.declaredOrigins(endpointClass)
                    .orElse(runtime.origins()).servingOnly(runtime.servedHosts(null));
            java.util.Optional<String> originRefusal = origins.refusal(handshake.headers("origin"),
                    handshake.header("host"), handshake.secure());
            if (originRefusal.isPresent()) {
                return Verdict.refused(403, "Forbidden", Map.of(), originRefusal.get());
            }
            GuardResult result = runtime.guards().run(handshake, endpointClass);
            if (result instanceof GuardResult.Reject reject) {
                return Verdict.refused(reject.status(),
                        HttpStatus.phrase(reject.status(), reject.reason()), reject.headers(),
                        "refused by a guard");
            }
            Attachments data = ((GuardResult.Accept) result).data();
            ConnectionServices services = runtime.connections();
            if (services != null) {
                Requirements.Missing missing = services.requirements(endpointClass)
                        .missing(handshake, data);
                if (missing != null) {
                    if (missing.status() >= 500) {
                        LOG.log(Level.ERROR, "SWB-1110 endpoint " + endpointClass.getName()
                                + " injects " + missing.what() + ", but no guard attached one; "
                                + "refused with 500");
                    }
                    return Verdict.refused(missing.status(), HttpStatus.phrase(missing.status()),
                            Map.of(), "the endpoint requires the " + missing.what());
                }
            }
            return new Verdict(handshake, data, 101, "Switching Protocols", Map.of(), "accepted");
        } catch (RuntimeException | Error e) {
            String id = UUID.randomUUID().toString();
            LOG.log(Level.ERROR, "SWB-1004 handshake processing failed; refused with 500. "
                    + "correlation id " + id + (handshake == null ? "" : ", " + handshake), e);
            return Verdict.refused(500, "Internal Server Error",
                    Map.of("X-Correlation-Id", List.of(id)), "internal error");
        }
    }
}
