package io.github.switchboard.it;

import io.github.switchboard.Attachments;
import io.github.switchboard.Connection;
import io.github.switchboard.ConnectionData;
import io.github.switchboard.ConnectionScoped;
import io.github.switchboard.Cookie;
import io.github.switchboard.Handshake;
import io.github.switchboard.Header;
import io.github.switchboard.PathValue;
import io.github.switchboard.Query;
import io.github.switchboard.server.SwitchboardConfigurator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.SessionScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * The beans of {@link BootValidationTest}: one deliberately broken bean per boot check, and
 * {@link Valid} beans that use every construct correctly. Endpoints are {@code public static}
 * because Tyrus reflects on them.
 */
final class BadBeans {

    private BadBeans() {
    }

    /** Attached by guards; injectable only into beans of the connection. */
    @ConnectionData
    record Account(String id) {
    }

    /** Deployed by every boot, so that a failure can only come from the bean under test. */
    @ServerEndpoint(value = "/ok/{room}", configurator = SwitchboardConfigurator.class)
    public static class OkEndpoint {
        @OnMessage
        public String echo(String text) {
            return text;
        }
    }

    // SWB-0001: a context qualifier that names nothing.

    @ConnectionScoped
    static class BlankHeader {
        @Inject
        @Header("")
        Optional<String> tenant;
    }

    @ConnectionScoped
    static class WhitespaceCookie {
        @Inject
        @Cookie("  ")
        Optional<String> session;
    }

    // SWB-0002: a value of one connection in a bean that outlives it.

    @ApplicationScoped
    static class TenantCache {
        @Inject
        @Header("X-Tenant")
        Optional<String> tenant;
    }

    @Singleton
    static class SingletonAttachments {
        @Inject
        Attachments attachments;
    }

    @ApplicationScoped
    static class AccountRegistry {
        @Inject
        Account account;
    }

    @ApplicationScoped
    static class OptionalAccountRegistry {
        private Optional<Account> account;

        @Inject
        void setAccount(Optional<Account> account) {
            this.account = account;
        }
    }

    @SessionScoped
    static class SessionTags implements Serializable {
        private static final long serialVersionUID = 1L;
        @Inject
        @Query("tag")
        List<String> tags;
    }

    /** Harmless on its own: it lives as long as the bean it is injected into. */
    @Dependent
    static class TenantLabel {
        @Inject
        @Header("X-Tenant")
        Optional<String> tenant;
    }

    /** Holds a {@link TenantLabel}, and so the first connection's tenant, for ever. */
    @ApplicationScoped
    static class TenantBanner {
        @Inject
        TenantLabel label;
    }

    /** One more @Dependent step between the long-lived bean and the value. */
    @Dependent
    static class LabelHolder {
        private final TenantLabel label;

        @Inject
        LabelHolder(TenantLabel label) {
            this.label = label;
        }
    }

    @Singleton
    static class LabelCache {
        @Inject
        LabelHolder holder;
    }

    // SWB-0003: an endpoint that is not @Dependent.

    @ApplicationScoped
    @ServerEndpoint(value = "/shared", configurator = SwitchboardConfigurator.class)
    public static class SharedEndpoint {
        @OnMessage
        public String echo(String text) {
            return text;
        }
    }

    @Singleton
    @ServerEndpoint(value = "/single", configurator = SwitchboardConfigurator.class)
    public static class SingletonEndpoint {
        @OnMessage
        public String echo(String text) {
            return text;
        }
    }

    /** What {@link TypedSharedEndpoint} is narrowed to. */
    public interface Echo {
        String echo(String text);
    }

    /** Its bean types lack its own class, which must not hide it from the check. */
    @ApplicationScoped
    @Typed(Echo.class)
    @ServerEndpoint(value = "/typed", configurator = SwitchboardConfigurator.class)
    public static class TypedSharedEndpoint implements Echo {
        @OnMessage
        @Override
        public String echo(String text) {
            return text;
        }
    }

    // SWB-0004: a context qualifier on a type that is not String, Optional<String>, List<String>.

    @ConnectionScoped
    static class NumericQuery {
        @Inject
        @Query("page")
        Integer page;
    }

    @ConnectionScoped
    static class OptionalNumberHeader {
        @Inject
        @Header("X-Count")
        Optional<Integer> count;
    }

    // SWB-0005: an endpoint that needs a connection but would never get one.

    /**
     * Given as a bean class, not deployed: the embedded server refuses such an endpoint itself
     * (SWB-2003) before the extension's check could matter.
     */
    @ServerEndpoint("/unguarded")
    public static class UnconfiguredEndpoint {
        @Inject
        Connection connection;

        @OnMessage
        public String echo(String text) {
            return text;
        }
    }

    @ServerEndpoint("/unconfigured-header")
    public static class UnconfiguredHeaderEndpoint {
        @Inject
        @Header("X-Tenant")
        Optional<String> tenant;

        @OnMessage
        public String echo(String text) {
            return text;
        }
    }

    // SWB-0006: a path value the path template lacks.

    @ServerEndpoint(value = "/rooms/{room}", configurator = SwitchboardConfigurator.class)
    public static class MisspelledPathValueEndpoint {
        private final String room;

        @Inject
        public MisspelledPathValueEndpoint(@PathValue("rooms") String room) {
            this.room = room;
        }

        @OnMessage
        public String echo(String text) {
            return room + " " + text;
        }
    }

    // SWB-0007: a @ConnectionData type that another bean provides too.

    @ApplicationScoped
    static class AccountProducer {
        @Produces
        @ConnectionScoped
        Account account() {
            return new Account("from a producer");
        }
    }

    @Dependent
    static class OptionalAccountField {
        @Produces
        Optional<Account> account = Optional.empty();
    }

    /** Every construct used where it is allowed: the positive control. */
    static final class Valid {

        private Valid() {
        }

        @Dependent
        @ServerEndpoint(value = "/valid/{room}", configurator = SwitchboardConfigurator.class)
        public static class Endpoint {
            @Inject
            @PathValue("room")
            String room;
            @Inject
            @PathValue("room")
            Optional<String> optionalRoom;
            @Inject
            @Header("X-Tenant")
            List<String> tenants;
            @Inject
            Optional<Account> account;
            @Inject
            Attachments attachments;
            @Inject
            Handshake handshake;
            @Inject
            PerConnection perConnection;
            @Inject
            PerMessage perMessage;
            @Inject
            Presence presence;
            @Inject
            TenantReader tenantReader;
            @Inject
            Greeting greeting;

            @OnMessage
            public String echo(String text) {
                return text;
            }
        }

        /** Per connection: may hold any value of it. */
        @ConnectionScoped
        static class PerConnection {
            @Inject
            @Header("X-Tenant")
            Optional<String> tenant;
            @Inject
            @Cookie("sid")
            Optional<String> sid;
            @Inject
            @Query("tag")
            List<String> tags;
            @Inject
            Account account;
            @Inject
            Attachments attachments;
            @Inject
            TenantReader tenantReader;
        }

        /** Dependent: lives as long as the connection-bound bean it is injected into. */
        @Dependent
        static class TenantReader {
            @Inject
            @Header("X-Tenant")
            Optional<String> tenant;
        }

        /** Produced per connection from a value of it. */
        static class Greeting {
            private final String text;

            Greeting() {
                this("");
            }

            Greeting(String text) {
                this.text = text;
            }

            String text() {
                return text;
            }
        }

        /** Application-wide; what it produces and its producer's parameters are per connection. */
        @ApplicationScoped
        static class Greetings {
            @Produces
            @ConnectionScoped
            Greeting greeting(@Header("X-Tenant") Optional<String> tenant, Account account) {
                return new Greeting("hello " + account.id() + " of " + tenant.orElse("-"));
            }
        }

        /** Per message: shorter than the connection. */
        @RequestScoped
        static class PerMessage {
            @Inject
            @Query("page")
            Optional<String> page;
        }

        /** Application-wide: Connection and Handshake are stand-ins resolved at each call. */
        @ApplicationScoped
        static class Presence {
            @Inject
            Connection connection;
            @Inject
            Handshake handshake;
        }
    }
}
