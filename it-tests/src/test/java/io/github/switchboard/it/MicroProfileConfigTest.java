package io.github.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.switchboard.server.EmbeddedServer;
import io.github.switchboard.testkit.TestClient;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.Test;

/** With MicroProfile Config present, the switchboard.* settings are read from it. */
class MicroProfileConfigTest {

    @Test
    void aSettingFromMicroProfileConfigAppliesToEndpoints() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Config config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of("switchboard.max-subscriptions", "2"),
                        "test", 500))
                .build();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        // Earlier servers in this JVM made the resolver build a default config for this loader.
        resolver.releaseConfig(resolver.getConfig(loader));
        resolver.registerConfig(config, loader);
        try (EmbeddedServer server = EmbeddedServer.builder().port(0).endpoints(Rooms.class).start();
                TestClient c = TestClient.builder(server.uri("/rooms/f")).connect()) {
            c.awaitText();
            c.send("sub a");
            assertEquals("sub a true", c.awaitText());
            c.send("sub b");
            assertEquals("sub b true", c.awaitText());
            c.send("sub c");
            assertEquals("sub c false", c.awaitText(), "max-subscriptions = 2 from MicroProfile Config");
        } finally {
            resolver.releaseConfig(config);
        }
    }
}
