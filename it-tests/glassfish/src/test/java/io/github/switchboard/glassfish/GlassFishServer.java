package io.github.switchboard.glassfish;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.embeddable.GlassFish;
import org.glassfish.embeddable.GlassFishProperties;
import org.glassfish.embeddable.GlassFishRuntime;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * GlassFish 7 embedded in the test JVM, started once per test run (kept in the root store of
 * JUnit, closed when the run ends) with the EE test application's WAR deployed under
 * {@code /app}. Bound to 127.0.0.1; the HTTPS listener is disabled.
 *
 * <p>Test classes get the application's base URI by declaring a {@link URI} parameter.
 */
public final class GlassFishServer implements ParameterResolver {

    /** The context root the WAR is deployed under. */
    static final String CONTEXT = "/app";

    private static final String LISTENERS =
            "embedded-glassfish-config.server.network-config.network-listeners.network-listener.";

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == URI.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return e.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Running.class, k -> Running.start(), Running.class).base;
    }

    /** The started server; closing it undeploys and stops GlassFish. */
    static final class Running implements AutoCloseable {
        final URI base;
        private final GlassFishRuntime runtime;
        private final GlassFish glassFish;
        /** Milliseconds the start and the deployment took, for the report. */
        final long startMillis;
        final long deployMillis;

        private Running(URI base, GlassFishRuntime runtime, GlassFish glassFish, long startMillis,
                long deployMillis) {
            this.base = base;
            this.runtime = runtime;
            this.glassFish = glassFish;
            this.startMillis = startMillis;
            this.deployMillis = deployMillis;
        }

        static Running start() {
            File war = new File(System.getProperty("switchboard.ee.war", "missing"));
            if (!war.isFile()) {
                throw new IllegalStateException("the WAR to deploy is missing: " + war
                        + " (run the build with mvn verify)");
            }
            try {
                long t0 = System.nanoTime();
                int port = freePort();
                GlassFishProperties props = new GlassFishProperties();
                props.setPort("http-listener", port);
                props.setProperty(LISTENERS + "http-listener.address", "127.0.0.1");
                props.setProperty(LISTENERS + "https-listener.enabled", "false");
                GlassFishRuntime runtime = GlassFishRuntime.bootstrap();
                GlassFish glassFish = runtime.newGlassFish(props);
                glassFish.start();
                long t1 = System.nanoTime();
                String name = glassFish.getDeployer().deploy(war, "--contextroot=" + CONTEXT,
                        "--name=switchboard-ee-app");
                long t2 = System.nanoTime();
                if (name == null) {
                    throw new IllegalStateException("GlassFish did not deploy " + war);
                }
                Logger.getLogger(GlassFishServer.class.getName()).log(Level.INFO,
                        "GlassFish " + System.getProperty("glassfish.version") + " started in "
                        + Duration.ofNanos(t1 - t0).toMillis() + " ms, deployed in "
                        + Duration.ofNanos(t2 - t1).toMillis() + " ms on port " + port);
                return new Running(URI.create("http://127.0.0.1:" + port + CONTEXT), runtime,
                        glassFish, Duration.ofNanos(t1 - t0).toMillis(),
                        Duration.ofNanos(t2 - t1).toMillis());
            } catch (Exception e) {
                throw new IllegalStateException("starting GlassFish embedded failed", e);
            }
        }

        /**
         * A port that was free a moment ago: GlassFish's listener configuration has no
         * "any port" value, so the port is chosen by the OS and handed over.
         */
        private static int freePort() throws IOException {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            }
        }

        @Override
        public void close() throws Exception {
            try {
                glassFish.getDeployer().undeploy("switchboard-ee-app");
                glassFish.stop();
                glassFish.dispose();
            } finally {
                runtime.shutdown();
            }
        }
    }
}
