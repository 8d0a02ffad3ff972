package io.github.switchboard.internal;

import io.github.switchboard.Attachments;
import io.github.switchboard.Connection;
import io.github.switchboard.GuardResult;
import io.github.switchboard.Handshake;
import io.github.switchboard.HandshakeGuard;
import io.github.switchboard.internal.cdi.RequestScope;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Runs the {@link HandshakeGuard} beans of one CDI container against a handshake, in order.
 *
 * <p>The set of guard beans is resolved once, on first use (the container is fully booted by
 * then), and so are the client proxies of normal-scoped guards, which resolve their instance at
 * each call; a {@code @Dependent} guard is created for each handshake and destroyed right after
 * it. A request context is active around the chain (unless one already is), so
 * {@code @RequestScoped} guards and beans live exactly as long as one handshake's checks.
 *
 * <p>Thread-safe: the only mutable state is the lazily resolved bean list and proxies, published
 * through volatile fields (resolving them twice is harmless).
 */
public final class GuardRunner {

    private static final System.Logger LOG = System.getLogger(GuardRunner.class.getName());

    private final BeanManager beanManager;
    /** The guard beans and, index for index, the shared proxies of the normal-scoped ones. */
    private record Guards(List<Bean<?>> beans, HandshakeGuard[] shared) {
    }

    private volatile Guards resolvedGuards;
    /**
     * Activates the application's request context: the same source the connection callbacks
     * use, so that {@link RequestScope}'s per-thread controller serves both. With a source of
     * its own, the guard chain and the {@code @OnOpen} that follows on the same thread replaced
     * each other's cached controller, and every handshake created two (a resolution and three
     * event resolutions each: 6-7 % of the server's CPU in the handshake benchmark).
     */
    private final Supplier<RequestScope> requestScopes;
    /** The documented order: ascending {@code order()}, ties by the class the user wrote. */
    private static final Comparator<HandshakeGuard> ORDER = Comparator
            .comparingInt(HandshakeGuard::order).thenComparing(GuardRunner::beanClassName);

    /**
     * @param requestScopes activates a request context unless one is active (the application's
     *                      {@code ConnectionServices.activateRequestScope})
     */
    public GuardRunner(BeanManager beanManager, Supplier<RequestScope> requestScopes) {
        this.beanManager = beanManager;
        this.requestScopes = requestScopes;
    }

    /** A runner for environments without CDI: no guards. */
    public static GuardRunner none() {
        return new GuardRunner(null, null);
    }

    /**
     * The combined decision of every guard that applies to {@code endpointClass}: the first
     * rejection, or an accept carrying everything the guards attached. A guard that throws or
     * returns null yields a 500 rejection whose {@code X-Correlation-Id} header matches the log.
     */
    public GuardResult run(Handshake handshake, Class<?> endpointClass) {
        if (beanManager == null) {
            return GuardResult.accept();
        }
        Guards resolved = guards();
        List<Bean<?>> beans = resolved.beans();
        if (beans.isEmpty()) {
            return GuardResult.accept();
        }
        List<CreationalContext<?>> dependents = new ArrayList<>();
        // A request context spans the guard chain, so @RequestScoped guards and the
        // request-scoped beans guards use work, one instance set per handshake.
        RequestScope requestScope = null;
        try {
            requestScope = requestScopes.get();
            HandshakeGuard[] shared = resolved.shared();
            List<HandshakeGuard> guards = new ArrayList<>(beans.size());
            for (int i = 0; i < beans.size(); i++) {
                if (shared[i] != null) {
                    guards.add(shared[i]);
                    continue;
                }
                Bean<?> bean = beans.get(i);
                CreationalContext<?> cc = beanManager.createCreationalContext(bean);
                if (bean.getScope() == Dependent.class) {
                    dependents.add(cc);
                }
                guards.add((HandshakeGuard) beanManager.getReference(bean, HandshakeGuard.class, cc));
            }
            guards.sort(ORDER);
            Attachments attached = Attachments.empty();
            for (HandshakeGuard guard : guards) {
                if (!guard.appliesTo(endpointClass)) {
                    continue;
                }
                GuardResult result;
                try {
                    result = guard.check(handshake, attached);
                } catch (Throwable e) { // even an Error must become a 500, never a dropped connection
                    return failure(guard, handshake, e);
                }
                if (result == null) {
                    return failure(guard, handshake,
                            new NullPointerException("HandshakeGuard.check returned null"));
                }
                if (result instanceof GuardResult.Reject reject) {
                    return reject;
                }
                attached = merge(attached, ((GuardResult.Accept) result).data());
            }
            return new GuardResult.Accept(attached);
        } catch (RuntimeException | Error e) { // creating a guard bean or the context failed
            return failure(null, handshake, e);
        } finally {
            // Dependents first: a guard's @PreDestroy may still use request-scoped beans.
            for (CreationalContext<?> cc : dependents) {
                try {
                    cc.release();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "SWB-1002 destroying a @Dependent guard failed", e);
                }
            }
            if (requestScope != null) {
                try {
                    requestScope.close();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "SWB-1002 ending the handshake's request context failed", e);
                }
            }
        }
    }

    /** Later guards' values win, except the expiry: the earliest one any guard gave stands. */
    static Attachments merge(Attachments before, Attachments added) {
        Attachments merged = before.withAll(added);
        java.util.Optional<java.time.Instant> earlier = before.get(Connection.EXPIRES_AT);
        java.util.Optional<java.time.Instant> later = added.get(Connection.EXPIRES_AT);
        if (earlier.isPresent() && later.isPresent() && earlier.get().isBefore(later.get())) {
            merged = merged.with(Connection.EXPIRES_AT, earlier.get());
        }
        return merged;
    }

    /**
     * Resolved once, both together so that their indexes agree. A client proxy resolves its
     * contextual instance at each call, so one reference of a normal-scoped guard serves every
     * handshake, and a request-scoped guard still gets one instance per handshake; the others
     * (null here) are obtained per handshake.
     */
    private Guards guards() {
        Guards g = resolvedGuards;
        if (g == null) {
            List<Bean<?>> beans = List.copyOf(beanManager.getBeans(HandshakeGuard.class,
                    Any.Literal.INSTANCE));
            HandshakeGuard[] shared = new HandshakeGuard[beans.size()];
            for (int i = 0; i < shared.length; i++) {
                Bean<?> bean = beans.get(i);
                if (beanManager.isNormalScope(bean.getScope())) {
                    shared[i] = (HandshakeGuard) beanManager.getReference(bean,
                            HandshakeGuard.class, beanManager.createCreationalContext(bean));
                }
            }
            g = new Guards(beans, shared);
            resolvedGuards = g;
        }
        return g;
    }

    private static String beanClassName(HandshakeGuard g) {
        // Client proxies are subclasses of the bean class; compare by the class users wrote.
        Class<?> c = g.getClass();
        while (c.isSynthetic() || c.getName().contains("$Proxy$") || c.getName().contains("$$")) {
            c = c.getSuperclass();
        }
        return c.getName();
    }

    private static GuardResult.Reject failure(HandshakeGuard guard, Handshake handshake,
            Throwable error) {
        String id = UUID.randomUUID().toString();
        LOG.log(Level.ERROR, "SWB-1001 handshake guard "
                + (guard == null ? "(creation)" : beanClassName(guard))
                + " failed; the upgrade is refused with 500. correlation id " + id + ", "
                + handshake, error);
        return GuardResult.reject(500, "Internal Server Error").withHeader("X-Correlation-Id", id);
    }
}
