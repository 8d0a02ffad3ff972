package io.github.switchboard.it;

import io.github.switchboard.Connection;
import io.github.switchboard.ConnectionScoped;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.server.ServerEndpoint;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** The beans of {@link ConnectionLifecycleTest}: counts every creation and destruction. */
final class Lifecycle {

    private Lifecycle() {
    }

    static final AtomicInteger ENDPOINTS = new AtomicInteger();
    static final AtomicInteger SCOPED = new AtomicInteger();
    static final Semaphore ENDPOINT_DESTROYED = new Semaphore(0);
    static final Semaphore SCOPED_DESTROYED = new Semaphore(0);
    static final AtomicInteger ON_CLOSE = new AtomicInteger();
    /** Anything that happened twice or in the wrong order; must stay empty. */
    static final Queue<String> VIOLATIONS = new ConcurrentLinkedQueue<>();
    /** Slow messages: released by the test. */
    static final Map<String, CountDownLatch> RELEASE = new ConcurrentHashMap<>();
    static final Map<String, Endpoint> SLOW = new ConcurrentHashMap<>();
    static final Semaphore SLOW_ENTERED = new Semaphore(0);

    @ConnectionScoped
    static class Scoped {
        private final AtomicBoolean destroyed = new AtomicBoolean();

        Scoped() {
        }

        void touch() {
            // creates the instance behind the client proxy
        }

        @PreDestroy
        void destroy() {
            if (!destroyed.compareAndSet(false, true)) {
                VIOLATIONS.add("a @ConnectionScoped bean was destroyed twice");
            }
            SCOPED_DESTROYED.release();
        }
    }

    @Dependent
    @ServerEndpoint(value = "/life", configurator = SwitchboardConfigurator.class)
    public static class Endpoint {
        @Inject
        Connection connection;
        @Inject
        Scoped scoped;
        final AtomicBoolean destroyed = new AtomicBoolean();
        final AtomicInteger running = new AtomicInteger();

        @OnOpen
        public void open() {
            ENDPOINTS.incrementAndGet();
            scoped.touch();
            SCOPED.incrementAndGet();
            connection.send("hi");
        }

        @OnMessage
        public void message(String text) throws InterruptedException {
            running.incrementAndGet();
            try {
                if (text.equals("server-close")) {
                    connection.close(1000, "as asked");
                } else if (text.startsWith("slow ")) {
                    String id = text.substring(5);
                    SLOW.put(id, this);
                    SLOW_ENTERED.release();
                    if (!RELEASE.computeIfAbsent(id, k -> new CountDownLatch(1))
                            .await(30, TimeUnit.SECONDS)) {
                        VIOLATIONS.add("slow message " + id + " never released");
                    }
                    scoped.touch(); // the scope is still alive after @OnClose ran meanwhile
                }
            } finally {
                running.decrementAndGet();
            }
        }

        @OnClose
        public void close() {
            ON_CLOSE.incrementAndGet();
        }

        @PreDestroy
        void destroy() {
            if (!destroyed.compareAndSet(false, true)) {
                VIOLATIONS.add("an endpoint was destroyed twice");
            }
            if (running.get() != 0) {
                VIOLATIONS.add("an endpoint was destroyed while a callback ran");
            }
            ENDPOINT_DESTROYED.release();
        }
    }

    static final Semaphore LAZY_CLOSED = new Semaphore(0);
    static final Semaphore LAZY_DESTROYED = new Semaphore(0);

    /** No @OnOpen: Tyrus creates the instance only when a callback needs one. */
    @Dependent
    @ServerEndpoint(value = "/lazy", configurator = SwitchboardConfigurator.class)
    public static class Lazy {
        @OnMessage
        public String echo(String text) {
            return text;
        }

        @OnClose
        public void close() {
            LAZY_CLOSED.release();
        }

        @PreDestroy
        void destroy() {
            LAZY_DESTROYED.release();
        }
    }
}
