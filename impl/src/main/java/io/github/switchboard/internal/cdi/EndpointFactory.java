package io.github.switchboard.internal.cdi;

/** Where {@code SwitchboardConfigurator.getEndpointInstance} gets its instances. */
public final class EndpointFactory {

    private EndpointFactory() {
    }

    /**
     * Creates the endpoint instance of the connection the calling thread works for.
     *
     * @throws InstantiationException when no Switchboard connection is current, or the connection
     *         already has one, or CDI fails to create it; the container then closes the
     *         connection with 1011 without calling the endpoint
     */
    public static <T> T create(Class<T> type) throws InstantiationException {
        SwitchboardConnection c = Current.get();
        if (c == null) {
            // Tyrus creates an instance lazily at the first callback that needs one; on the
            // embedded server every such callback runs inside a read of the connection or one
            // of Switchboard's own close paths, which name it. What remains is a close started
            // elsewhere (Tyrus's idle timer, Session.close() on another connection's session)
            // of a connection whose endpoint has neither @OnOpen nor a message yet.
            throw new InstantiationException("SWB-1101 an instance of " + type.getName()
                    + " was requested outside any Switchboard connection, so its per-connection "
                    + "values cannot be known; declare @OnOpen on the endpoint to create it when "
                    + "the connection opens");
        }
        return c.createEndpoint(type);
    }
}
