package io.github.switchboard.docs.injection.invalid;

import io.github.switchboard.Header;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** SWB-0004: context qualifiers inject String, Optional&lt;String&gt; or List&lt;String&gt; only. */
@Dependent
@ServerEndpoint(value = "/numeric", configurator = SwitchboardConfigurator.class)
public class NumericHeaderEndpoint {

    @Inject
    @Header("X-Count")
    Integer count;

    @OnMessage
    public String message(String text) {
        return text;
    }
}
