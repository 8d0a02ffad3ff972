package io.github.switchboard.internal.cdi;

import io.github.switchboard.Attachments;
import io.github.switchboard.Connection;
import io.github.switchboard.ConnectionData;
import io.github.switchboard.ConnectionScoped;
import io.github.switchboard.Handshake;
import io.github.switchboard.PathValue;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedParameter;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.enterprise.inject.spi.ProcessSyntheticBean;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.enterprise.inject.spi.configurator.AnnotatedMethodConfigurator;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import jakarta.websocket.Endpoint;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.server.ServerEndpoint;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Switchboard's CDI portable extension: registers the connection scope, the producers and the
 * callback interceptor, turns {@link ConnectionData} types into injectable per-connection beans,
 * and validates at boot, reporting with stable ids (docs/injection-and-scopes.md):
 * <ul>
 *   <li>{@code SWB-0001} a context qualifier without a name;</li>
 *   <li>{@code SWB-0002} a per-connection value injected into a longer-lived bean, directly or
 *       through {@code @Dependent} beans;</li>
 *   <li>{@code SWB-0003} an endpoint that is not {@code @Dependent};</li>
 *   <li>{@code SWB-0004} a context qualifier on a type other than {@code String},
 *       {@code Optional<String>} or {@code List<String>};</li>
 *   <li>{@code SWB-0005} an endpoint that injects connection values but does not use the
 *       Switchboard configurator;</li>
 *   <li>{@code SWB-0006} a {@code @PathValue} that the endpoint's path template lacks;</li>
 *   <li>{@code SWB-0007} a {@code @ConnectionData} type that another bean also provides.</li>
 * </ul>
 */
public final class SwitchboardExtension implements Extension {

    private final Set<Class<?>> dataTypes = ConcurrentHashMap.newKeySet();
    /** This container's topics: one registry per application. */
    private final TopicRegistry topics = new TopicRegistry();

    TopicRegistry topics() {
        return topics;
    }

    /** This container's connection services, once created (at the first handshake or start). */
    private volatile ConnectionServices services;

    void services(ConnectionServices s) {
        services = s;
    }

    /** The connection services, or null before the first was created. */
    public ConnectionServices services() {
        return services;
    }
    /** Beans that outlive a connection, for the SWB-0002 check through @Dependent beans. */
    private final Set<Bean<?>> longLived = ConcurrentHashMap.newKeySet();

    void register(@Observes BeforeBeanDiscovery bbd, BeanManager bm) {
        bbd.addAnnotatedType(bm.createAnnotatedType(ContextProducers.class),
                ContextProducers.class.getName());
        bbd.addAnnotatedType(bm.createAnnotatedType(CallbackInterceptor.class),
                CallbackInterceptor.class.getName());
        // MicroProfile Health checks, only where its API is (an optional dependency).
        for (Class<?> check : io.github.switchboard.internal.health.HealthPresence.checks()) {
            bbd.addAnnotatedType(bm.createAnnotatedType(check), check.getName());
        }
    }

    <T> void annotatedEndpoint(@Observes @WithAnnotations(ServerEndpoint.class)
            ProcessAnnotatedType<T> pat) {
        if (!pat.getAnnotatedType().isAnnotationPresent(ServerEndpoint.class)) {
            return;
        }
        for (AnnotatedMethodConfigurator<? super T> m : pat.configureAnnotatedType().methods()) {
            AnnotatedMethod<? super T> method = m.getAnnotated();
            if (method.isAnnotationPresent(OnOpen.class) || method.isAnnotationPresent(OnClose.class)
                    || method.isAnnotationPresent(OnError.class)
                    || method.isAnnotationPresent(OnMessage.class)) {
                m.add(ConnectionCallback.Literal.INSTANCE);
            }
        }
    }

    <T extends Endpoint> void programmaticEndpoint(@Observes ProcessAnnotatedType<T> pat) {
        for (AnnotatedMethodConfigurator<? super T> m : pat.configureAnnotatedType().methods()) {
            Method method = m.getAnnotated().getJavaMember();
            if (method.getDeclaringClass() != Endpoint.class && method.getParameterCount() == 2
                    && List.of("onOpen", "onClose", "onError").contains(method.getName())) {
                m.add(ConnectionCallback.Literal.INSTANCE);
            }
        }
    }

    <T> void connectionData(@Observes @WithAnnotations(ConnectionData.class)
            ProcessAnnotatedType<T> pat) {
        Class<T> type = pat.getAnnotatedType().getJavaClass();
        if (type.isAnnotationPresent(ConnectionData.class)) {
            dataTypes.add(type);
            pat.veto(); // a value of the connection, never a bean of its own
        }
    }

    void injectionPoint(@Observes ProcessInjectionPoint<?, ?> pip, BeanManager bm) {
        InjectionPoint ip = pip.getInjectionPoint();
        Bean<?> bean = ip.getBean();
        String where = where(ip);
        Annotation q = ContextQualifiers.of(ip);
        Type type = ip.getType();
        Class<?> data = dataType(type);
        if (data != null) {
            dataTypes.add(data);
        }
        if (q != null) {
            if (ContextQualifiers.name(q).isBlank()) {
                pip.addDefinitionError(new IllegalStateException("SWB-0001 " + where + ": "
                        + ContextQualifiers.describe(q) + " names nothing; give the name of the "
                        + "value to inject"));
            }
            if (!isStringValue(type)) {
                pip.addDefinitionError(new IllegalStateException("SWB-0004 " + where + ": "
                        + ContextQualifiers.describe(q) + " injects String, Optional<String> or "
                        + "List<String>, not " + type.getTypeName()));
            }
            if (q instanceof PathValue p && bean != null) {
                ServerEndpoint se = bean.getBeanClass().getAnnotation(ServerEndpoint.class);
                if (se != null && !se.value().contains("{" + p.value() + "}")) {
                    pip.addDefinitionError(new IllegalStateException("SWB-0006 " + where + ": "
                            + "@PathValue(\"" + p.value() + "\") is not a parameter of the path "
                            + "template " + se.value()));
                }
            }
        }
        boolean value = isConnectionValue(ip);
        if (bean != null && value && outlivesConnection(bean.getScope(), bm)) {
            pip.addDefinitionError(new IllegalStateException("SWB-0002 " + where + ": a value of "
                    + "one WebSocket connection (" + (q != null ? ContextQualifiers.describe(q) + " "
                    : "") + type.getTypeName() + ") cannot be injected into a @"
                    + bean.getScope().getSimpleName() + " bean, which outlives the connection; "
                    + "inject Connection or Handshake (resolved per call), or make the bean "
                    + "@ConnectionScoped"));
        }
        boolean usesContext = value || type == Connection.class || type == Handshake.class;
        if (bean != null && usesContext) {
            ServerEndpoint se = bean.getBeanClass().getAnnotation(ServerEndpoint.class);
            if (se != null && !SwitchboardConfigurator.class.isAssignableFrom(se.configurator())) {
                pip.addDefinitionError(new IllegalStateException("SWB-0005 " + where + ": the "
                        + "endpoint injects connection values but does not use the Switchboard "
                        + "configurator, so no connection would exist: declare @ServerEndpoint(..., "
                        + "configurator = SwitchboardConfigurator.class)"));
            }
        }
    }

    <T> void bean(@Observes ProcessBean<T> pb, BeanManager bm) {
        Bean<T> bean = pb.getBean();
        Class<?> beanClass = bean.getBeanClass();
        if (outlivesConnection(bean.getScope(), bm)) {
            longLived.add(bean);
        }
        // The endpoint class itself, not a producer it declares (whose bean class it also is);
        // asked of the event, as @Typed may leave the class out of the bean's types.
        if (pb instanceof ProcessManagedBean<T>
                && beanClass.isAnnotationPresent(ServerEndpoint.class)
                && bean.getScope() != Dependent.class) {
            pb.addDefinitionError(new IllegalStateException("SWB-0003 endpoint "
                    + beanClass.getName() + " is @" + bean.getScope().getSimpleName()
                    + "; a WebSocket endpoint gets one instance per connection and must be "
                    + "@Dependent"));
        }
        if (pb instanceof ProcessSyntheticBean<T> synthetic && synthetic.getSource() == this) {
            return;
        }
        for (Type t : bean.getTypes()) {
            Class<?> data = dataType(t);
            if (data != null) {
                pb.addDefinitionError(new IllegalStateException("SWB-0007 " + data.getName()
                        + " is @ConnectionData, injected from the connection's attached data, "
                        + "but " + bean + " also provides it: remove one of them"));
            }
        }
    }

    void afterBeanDiscovery(@Observes AfterBeanDiscovery abd) {
        abd.addContext(new ConnectionContext());
        abd.addBean().types(io.github.switchboard.Topics.class, Object.class)
                .scope(jakarta.enterprise.context.ApplicationScoped.class)
                .createWith(cc -> topics);
        for (Class<?> type : dataTypes) {
            addDataBeans(abd, type);
        }
    }

    /**
     * SWB-0002 through {@code @Dependent} beans: a dependent instance lives as long as the bean
     * it is injected into, so a per-connection value it holds is held by that bean too. Runs
     * after Weld's own validation, when every injection point resolves to exactly one bean.
     * Programmatic lookups ({@code Instance}, {@code Provider}) are not followed: what they
     * create, and when, is decided at each call.
     */
    void afterDeploymentValidation(@Observes AfterDeploymentValidation adv, BeanManager bm) {
        Set<Bean<?>> held = new HashSet<>();
        for (Bean<?> bean : longLived) {
            for (InjectionPoint ip : bean.getInjectionPoints()) {
                collectDependents(ip, bm, held);
            }
        }
        ContextProducers.heldByLongLived(held);
        for (Bean<?> bean : longLived) {
            for (InjectionPoint ip : bean.getInjectionPoints()) {
                if (isConnectionValue(ip)) {
                    continue; // reported by injectionPoint()
                }
                InjectionPoint value = connectionValueBehind(ip, bm, new HashSet<>());
                if (value != null) {
                    Annotation q = ContextQualifiers.of(value);
                    adv.addDeploymentProblem(new IllegalStateException("SWB-0002 " + where(ip)
                            + ": a value of one WebSocket connection (" + (q != null
                            ? ContextQualifiers.describe(q) + " " : "")
                            + value.getType().getTypeName() + " at " + where(value)
                            + ") reaches a @" + bean.getScope().getSimpleName() + " bean "
                            + "through @Dependent beans, which live as long as it; inject "
                            + "Connection or Handshake (resolved per call), or make the bean "
                            + "@ConnectionScoped"));
                }
            }
        }
        longLived.clear();
    }

    /** Adds the {@code @Dependent} beans {@code ip} creates, directly or through others. */
    private static void collectDependents(InjectionPoint ip, BeanManager bm, Set<Bean<?>> held) {
        Type type = ip.getType();
        Type raw = type instanceof ParameterizedType p ? p.getRawType() : type;
        if (ip.isDelegate() || raw == Instance.class || raw == Provider.class
                || raw == InjectionPoint.class) {
            return;
        }
        Bean<?> target;
        try {
            target = bm.resolve(bm.getBeans(type, ip.getQualifiers().toArray(new Annotation[0])));
        } catch (RuntimeException e) {
            return;
        }
        if (target != null && target.getScope() == Dependent.class && held.add(target)) {
            for (InjectionPoint inner : target.getInjectionPoints()) {
                collectDependents(inner, bm, held);
            }
        }
    }

    /**
     * The first per-connection injection point of the {@code @Dependent} bean {@code ip}
     * resolves to, or of the {@code @Dependent} beans that one injects in turn; null if none.
     */
    private static InjectionPoint connectionValueBehind(InjectionPoint ip, BeanManager bm,
            Set<Bean<?>> seen) {
        Type type = ip.getType();
        Type raw = type instanceof ParameterizedType p ? p.getRawType() : type;
        if (ip.isDelegate() || raw == Instance.class || raw == Provider.class) {
            return null;
        }
        Bean<?> target;
        try {
            target = bm.resolve(bm.getBeans(type, ip.getQualifiers().toArray(new Annotation[0])));
        } catch (RuntimeException e) {
            return null; // Weld has reported what does not resolve
        }
        if (target == null || target.getScope() != Dependent.class || !seen.add(target)) {
            return null;
        }
        for (InjectionPoint inner : target.getInjectionPoints()) {
            InjectionPoint value = isConnectionValue(inner) ? inner
                    : connectionValueBehind(inner, bm, seen);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private <T> void addDataBeans(AfterBeanDiscovery abd, Class<T> type) {
        abd.<T>addBean().beanClass(type).types(type, Object.class).scope(Dependent.class)
                .createWith(cc -> ContextProducers.data(type));
        Type optional = new OptionalOf(type);
        abd.<Optional<T>>addBean().beanClass(type).types(optional).scope(Dependent.class)
                .createWith(cc -> ContextProducers.optionalData(type));
    }

    /** The {@code @ConnectionData} class that {@code type} or {@code Optional<type>} names, or null. */
    private static Class<?> dataType(Type type) {
        if (type instanceof Class<?> c) {
            return c.isAnnotationPresent(ConnectionData.class) ? c : null;
        }
        if (type instanceof ParameterizedType p && p.getRawType() == Optional.class
                && p.getActualTypeArguments()[0] instanceof Class<?> c
                && c.isAnnotationPresent(ConnectionData.class)) {
            return c;
        }
        return null;
    }

    /** A value of one connection: a context-qualified value, connection data, Attachments. */
    private static boolean isConnectionValue(InjectionPoint ip) {
        return ContextQualifiers.of(ip) != null || dataType(ip.getType()) != null
                || ip.getType() == Attachments.class;
    }

    private static boolean isStringValue(Type type) {
        if (type == String.class) {
            return true;
        }
        return type instanceof ParameterizedType p
                && (p.getRawType() == Optional.class || p.getRawType() == List.class)
                && p.getActualTypeArguments()[0] == String.class;
    }

    private static boolean outlivesConnection(Class<? extends Annotation> scope, BeanManager bm) {
        if (scope == Singleton.class) {
            return true;
        }
        return bm.isNormalScope(scope) && scope != ConnectionScoped.class
                && scope != RequestScoped.class;
    }

    /**
     * The member an injection point belongs to, as {@code Class.field}, {@code Class.method}
     * or {@code Class.<init>}, plus the parameter's position for a parameter.
     */
    private static String where(InjectionPoint ip) {
        Member member = ip.getMember();
        if (member == null) {
            return String.valueOf(ip);
        }
        // A Constructor's getName() is its class's name, which would be said twice.
        String name = member.getDeclaringClass().getName() + "."
                + (member instanceof Constructor<?> ? "<init>" : member.getName());
        return ip.getAnnotated() instanceof AnnotatedParameter<?> p
                ? name + " parameter " + p.getPosition() : name;
    }

    /** {@code Optional<type>} as a CDI bean type. */
    private record OptionalOf(Class<?> argument) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return new Type[] {argument};
        }

        @Override
        public Type getRawType() {
            return Optional.class;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ParameterizedType p && p.getRawType() == Optional.class
                    && p.getOwnerType() == null
                    && java.util.Arrays.equals(p.getActualTypeArguments(), getActualTypeArguments());
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(getActualTypeArguments()) ^ Optional.class.hashCode();
        }

        @Override
        public String getTypeName() {
            return "java.util.Optional<" + argument.getName() + ">";
        }
    }
}
