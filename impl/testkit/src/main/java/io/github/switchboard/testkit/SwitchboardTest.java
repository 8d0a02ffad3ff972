package io.github.switchboard.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against one embedded Switchboard server: before the class's first test the
 * {@link SwitchboardExtension} starts it on {@code 127.0.0.1} with an ephemeral port, deploying
 * exactly the {@link #endpoints()} and {@link #beans()} named here (no class-path scanning), and
 * after the last one it closes it. Tests reach it through a {@link TestServer} parameter.
 *
 * <pre>{@code
 * @SwitchboardTest(endpoints = EchoEndpoint.class, beans = TokenGuard.class)
 * class EchoEndpointTest {
 *     @Test
 *     void echoes(TestServer server) { ... }
 * }
 * }</pre>
 *
 * <p>{@code @Nested} classes share their enclosing class's server unless they carry this
 * annotation themselves; subclasses inherit it. A server that cannot start (for example an
 * endpoint without {@code SwitchboardConfigurator}) fails every test of the class with the
 * server's message.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SwitchboardExtension.class)
public @interface SwitchboardTest {

    /**
     * The {@code @ServerEndpoint} classes to deploy; each must use
     * {@code SwitchboardConfigurator}.
     */
    Class<?>[] endpoints();

    /** CDI beans to add (guards, services); default none. Endpoints are added anyway. */
    Class<?>[] beans() default {};

    /**
     * The browser origins the endpoints accept, as for
     * {@code EmbeddedServer.Builder.allowedOrigins}; default none, i.e. same-origin only. A
     * client that sends no {@code Origin} header, as the {@link TestClient} by default, is
     * accepted either way.
     */
    String[] allowedOrigins() default {};

    /**
     * The largest message a client may send, in bytes (125 to 256 MiB); {@code 0}, the default,
     * keeps the server's default of 1 MiB.
     */
    int maxMessageSize() default 0;
}
