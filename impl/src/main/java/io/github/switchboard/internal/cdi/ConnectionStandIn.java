package io.github.switchboard.internal.cdi;

import io.github.switchboard.Attachments;
import io.github.switchboard.Connection;
import io.github.switchboard.Handshake;
import io.github.switchboard.Key;
import io.github.switchboard.SendResult;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The {@code Connection} injected into longer-lived beans: every call goes to the connection the
 * calling thread works for. Stateless.
 */
final class ConnectionStandIn implements Connection {

    static SwitchboardConnection target() {
        SwitchboardConnection c = Current.get();
        if (c == null) {
            throw new IllegalStateException("SWB-1104 no WebSocket connection is active on this "
                    + "thread: a Connection injected into a longer-lived bean resolves only during "
                    + "a connection's callbacks and inside Connection.run/call; keep "
                    + "connection.current() to use a connection later");
        }
        return c;
    }

    @Override
    public String id() {
        return target().id();
    }

    @Override
    public Handshake handshake() {
        return target().handshake();
    }

    @Override
    public Attachments data() {
        return target().data();
    }

    @Override
    public <T> Optional<T> attribute(Key<T> key) {
        return target().attribute(key);
    }

    @Override
    public <T> Optional<T> attribute(Key<T> key, T value) {
        return target().attribute(key, value);
    }

    @Override
    public boolean isOpen() {
        return target().isOpen();
    }

    @Override
    public SendResult send(String text) {
        return target().send(text);
    }

    @Override
    public SendResult send(ByteBuffer data) {
        return target().send(data);
    }

    @Override
    public boolean subscribe(String topic) {
        return target().subscribe(topic);
    }

    @Override
    public boolean unsubscribe(String topic) {
        return target().unsubscribe(topic);
    }

    @Override
    public boolean isSubscribed(String topic) {
        return target().isSubscribed(topic);
    }

    @Override
    public java.util.Set<String> subscriptions() {
        return target().subscriptions();
    }

    @Override
    public io.github.switchboard.PublishResult publish(String topic, String text) {
        return target().publish(topic, text);
    }

    @Override
    public io.github.switchboard.PublishResult publish(String topic, ByteBuffer data) {
        return target().publish(topic, data);
    }

    @Override
    public SendResult sendObject(Object message) {
        return target().sendObject(message);
    }

    @Override
    public io.github.switchboard.PublishResult publishObject(String topic, Object message) {
        return target().publishObject(topic, message);
    }

    @Override
    public long bufferedAmount() {
        return target().bufferedAmount();
    }

    @Override
    public void close(int code, String reason) {
        target().close(code, reason);
    }

    @Override
    public boolean run(Runnable action) {
        return target().run(action);
    }

    @Override
    public <T> T call(Callable<T> action) throws Exception {
        return target().call(action);
    }

    @Override
    public Connection current() {
        return target();
    }

    @Override
    public String toString() {
        SwitchboardConnection c = Current.get();
        return "Connection stand-in (" + (c == null ? "no connection active" : c) + ")";
    }

    @Override
    public java.util.Optional<java.time.Instant> expiresAt() {
        return target().expiresAt();
    }

    @Override
    public boolean extendUntil(java.time.Instant instant) {
        return target().extendUntil(instant);
    }
}
