package io.github.switchboard.testkit;

import io.github.switchboard.server.EmbeddedServer;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit Jupiter extension behind {@link SwitchboardTest}: starts the server before all tests
 * of an annotated class, resolves {@link TestServer} parameters, and closes the server after all
 * tests (waiting at most the server's shutdown timeout, 5 seconds). Registered by the annotation;
 * applications do not use it directly.
 *
 * <p>JUnit creates and calls it; it keeps no state of its own (the server lives in the test
 * class's {@link ExtensionContext.Store}), so one instance serves any number of classes, also
 * concurrently.
 */
public final class SwitchboardExtension
        implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SwitchboardExtension.class);

    /** Called by JUnit. */
    public SwitchboardExtension() {
    }

    /**
     * Starts the server of a class annotated with {@link SwitchboardTest}; does nothing for a
     * {@code @Nested} class without its own annotation, which uses its enclosing class's.
     */
    @Override
    public void beforeAll(ExtensionContext context) {
        Optional<SwitchboardTest> config = AnnotationSupport.findAnnotation(
                context.getRequiredTestClass(), SwitchboardTest.class);
        if (config.isEmpty()) {
            return;
        }
        SwitchboardTest c = config.get();
        EmbeddedServer.Builder builder = EmbeddedServer.builder().host("127.0.0.1").port(0)
                .endpoints(c.endpoints()).beanClasses(c.beans()).discovery(false);
        if (c.allowedOrigins().length > 0) {
            builder.allowedOrigins(c.allowedOrigins());
        }
        if (c.maxMessageSize() != 0) {
            builder.maxMessageSize(c.maxMessageSize());
        }
        TestServer server = new TestServer(builder.start());
        context.getStore(NAMESPACE).put(Running.class, new Running(server));
    }

    /** Closes the server this class started, if any; never the enclosing class's. */
    @Override
    public void afterAll(ExtensionContext context) {
        Running running = context.getStore(NAMESPACE).remove(Running.class, Running.class);
        if (running != null) {
            running.close();
        }
    }

    /** Whether the parameter is a {@link TestServer}. */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestServer.class;
    }

    /**
     * The server of the test class or of its nearest enclosing class that has one.
     *
     * @throws ParameterResolutionException when there is none (the extension was registered
     *         without {@link SwitchboardTest})
     */
    @Override
    public TestServer resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Running running = context.getStore(NAMESPACE).get(Running.class, Running.class);
        if (running == null) {
            throw new ParameterResolutionException("no Switchboard server for "
                    + context.getRequiredTestClass().getName()
                    + ": annotate the class (or an enclosing class) with @SwitchboardTest");
        }
        return running.server();
    }

    /**
     * A started server in the store. JUnit also closes an {@link AutoCloseable} left in a store
     * when its context ends: the backstop should {@link #afterAll} not run.
     */
    private record Running(TestServer server) implements AutoCloseable {
        @Override
        public void close() {
            server.embedded().close();
        }
    }
}
