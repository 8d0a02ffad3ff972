package io.github.switchboard.eescenarios;

/**
 * What one runtime does differently, each a documented native behaviour or fallback
 * (docs/deploying-to-ee-servers.md): the scenarios assert the runtime's own answer, never skip.
 *
 * @param name                      the runtime, for messages
 * @param splitsCookieHeaderCommas  the container splits header values on commas, so Switchboard
 *                                  flags a {@code Cookie} header holding one as possibly damaged
 * @param injectsPerConnectionFields a per-connection value injected as a plain field reaches the
 *                                  endpoint; when false, the connection is closed with 1011
 * @param bindsWithoutSessionParameter a connection learns its JSR session without a callback
 *                                  that declares one (so {@code Connection.send} from such an
 *                                  {@code @OnOpen} is delivered, and a connection finishes
 *                                  without {@code @OnClose}); when false, declare a
 *                                  {@code Session} parameter on {@code @OnOpen} and an
 *                                  {@code @OnClose}
 * @param backpressureCloseSendsCloseFrame a connection closed by the backpressure policy gets
 *                                  what was queued before it and then a 1008 close frame; when
 *                                  false the container discards what it had queued, close frame
 *                                  included, and the client sees the connection end (1006)
 * @param createsEndpointBeforeUpgrade the container creates the endpoint instance before it
 *                                  upgrades (and before {@code modifyHandshake}), so an endpoint
 *                                  whose creation fails is answered with a 500 and never upgraded;
 *                                  when false such a connection is upgraded and closed with 1011
 *                                  (only matters where {@code injectsPerConnectionFields} is false)
 */
public record Traits(String name, boolean splitsCookieHeaderCommas,
        boolean injectsPerConnectionFields, boolean bindsWithoutSessionParameter,
        boolean backpressureCloseSendsCloseFrame, boolean createsEndpointBeforeUpgrade) {

    /** A runtime that creates endpoint instances after the upgrade (all but Open Liberty). */
    public Traits(String name, boolean splitsCookieHeaderCommas,
            boolean injectsPerConnectionFields, boolean bindsWithoutSessionParameter,
            boolean backpressureCloseSendsCloseFrame) {
        this(name, splitsCookieHeaderCommas, injectsPerConnectionFields,
                bindsWithoutSessionParameter, backpressureCloseSendsCloseFrame, false);
    }
}
