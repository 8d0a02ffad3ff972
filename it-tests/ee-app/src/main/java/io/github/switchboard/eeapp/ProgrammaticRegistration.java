package io.github.switchboard.eeapp;

import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

/** Adds {@link ProgrammaticEndpoint} at {@code /programmatic} when the application starts. */
@WebListener
public class ProgrammaticRegistration implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServerContainer container = (ServerContainer) event.getServletContext()
                .getAttribute(ServerContainer.class.getName());
        try {
            container.addEndpoint(ServerEndpointConfig.Builder
                    .create(ProgrammaticEndpoint.class, "/programmatic")
                    .configurator(new SwitchboardConfigurator()).build());
        } catch (DeploymentException e) {
            throw new IllegalStateException(e);
        }
    }
}
