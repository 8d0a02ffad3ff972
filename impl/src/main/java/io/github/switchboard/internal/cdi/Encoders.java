package io.github.switchboard.internal.cdi;

import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.System.Logger.Level;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One connection's JSR encoders, as its endpoint declares them: created on first use, initialised
 * with the endpoint's configuration, destroyed with the connection. Turns an object into a
 * {@link Message}: the first declared encoder whose type accepts it, else the JSR defaults (a
 * {@code String} or a boxed primitive as text, {@code ByteBuffer} and {@code byte[]} as binary).
 * Thread-safe.
 */
final class Encoders {

    private static final System.Logger LOG = System.getLogger(Encoders.class.getName());

    private final List<Class<? extends Encoder>> declared;
    private final EndpointConfig config;
    private final Map<Class<?>, Encoder> created = new ConcurrentHashMap<>();
    private boolean destroyed; // guarded by this

    Encoders(List<Class<? extends Encoder>> declared, EndpointConfig config) {
        this.declared = declared == null ? List.of() : List.copyOf(declared);
        this.config = config;
    }

    /** The message for {@code value}; fails with IllegalArgumentException when it cannot. */
    Message encode(Object value) {
        for (Class<? extends Encoder> type : declared) {
            Class<?> accepts = acceptedType(type);
            if (accepts != null && accepts.isInstance(value)) {
                try {
                    return encodeWith(instance(type), value);
                } catch (EncodeException | IOException e) {
                    throw new IllegalArgumentException("SWB-1111 " + type.getName()
                            + " could not encode a " + value.getClass().getName() + ": "
                            + e.getMessage(), e);
                }
            }
        }
        if (value instanceof String s) {
            return Message.text(s);
        }
        if (value instanceof ByteBuffer b) {
            return Message.binary(b);
        }
        if (value instanceof byte[] b) {
            return Message.binary(ByteBuffer.wrap(b));
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof Character) {
            return Message.text(value.toString());
        }
        throw new IllegalArgumentException("SWB-1111 no encoder of this endpoint accepts a "
                + value.getClass().getName() + "; declare one in @ServerEndpoint(encoders = ...)");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Message encodeWith(Encoder encoder, Object value)
            throws EncodeException, IOException {
        if (encoder instanceof Encoder.Text text) {
            return Message.text(text.encode(value));
        }
        if (encoder instanceof Encoder.TextStream stream) {
            StringWriter out = new StringWriter();
            stream.encode(value, out);
            return Message.text(out.toString());
        }
        if (encoder instanceof Encoder.Binary binary) {
            return Message.binary(binary.encode(value));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((Encoder.BinaryStream) encoder).encode(value, out);
        return Message.binary(ByteBuffer.wrap(out.toByteArray()));
    }

    private Encoder instance(Class<? extends Encoder> type) {
        synchronized (this) {
            if (destroyed) {
                throw new IllegalStateException("SWB-1111 the connection has ended");
            }
        }
        return created.computeIfAbsent(type, t -> {
            try {
                Encoder e = type.getDeclaredConstructor().newInstance();
                e.init(config);
                return e;
            } catch (ReflectiveOperationException ex) {
                throw new IllegalArgumentException("SWB-1111 cannot create the encoder "
                        + type.getName() + ": " + ex, ex);
            }
        });
    }

    /** The {@code T} of {@code Encoder.Text<T>} (or Binary, TextStream, BinaryStream), or null. */
    static Class<?> acceptedType(Class<?> type) {
        for (Class<?> k = type; k != null && k != Object.class; k = k.getSuperclass()) {
            List<Type> interfaces = new ArrayList<>(List.of(k.getGenericInterfaces()));
            for (Type i : interfaces) {
                if (i instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw
                        && Encoder.class.isAssignableFrom(raw)
                        && p.getActualTypeArguments()[0] instanceof Class<?> c) {
                    return c;
                }
            }
        }
        return null;
    }

    /** Destroys the encoders created so far; later encodes fail. */
    void destroy() {
        synchronized (this) {
            destroyed = true;
        }
        for (Encoder e : created.values()) {
            try {
                e.destroy();
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "SWB-1108 an encoder's destroy() threw", ex);
            }
        }
        created.clear();
    }
}
