package io.github.switchboard.it;

import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** A message callback that runs until the test releases it. */
@ServerEndpoint(value = "/slow", configurator = SwitchboardConfigurator.class)
public class SlowEndpoint {

    static volatile CountDownLatch started = new CountDownLatch(1);
    static volatile CountDownLatch release = new CountDownLatch(1);
    static final AtomicBoolean FINISHED = new AtomicBoolean();
    static final AtomicBoolean INTERRUPTED = new AtomicBoolean();

    static void reset() {
        started = new CountDownLatch(1);
        release = new CountDownLatch(1);
        FINISHED.set(false);
        INTERRUPTED.set(false);
    }

    @OnMessage
    public void message(String text) {
        started.countDown();
        try {
            if (!release.await(30, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            INTERRUPTED.set(true);
            Thread.currentThread().interrupt();
            return;
        }
        FINISHED.set(true);
    }
}
