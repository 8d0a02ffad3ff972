package io.github.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyAndAttachmentsTest {

    record User(String name) {
    }

    private static final Key<User> USER = Key.of("user", User.class);

    @Test
    void keysWithTheSameNameButDifferentTypesAreDifferent() {
        Key<String> userAsString = Key.of("user", String.class);
        assertNotEquals(USER, userAsString);
        Attachments a = Attachments.empty().with(USER, new User("ada")).with(userAsString, "x");
        assertEquals(Optional.of(new User("ada")), a.get(USER));
        assertEquals(Optional.of("x"), a.get(userAsString));
    }

    @Test
    void keyByTypeIsNamedAfterTheType() {
        assertEquals(Key.of(User.class.getName(), User.class), Key.of(User.class));
        Attachments a = Attachments.empty().with(User.class, new User("bob"));
        assertEquals("bob", a.get(User.class).orElseThrow().name());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Test
    void aValueOfTheWrongTypeCannotBeStoredEvenThroughRawTypes() {
        Key raw = USER;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Attachments.empty().with(raw, "not a user"));
        assertTrue(e.getMessage().contains("java.lang.String") && e.getMessage().contains("User"),
                e.getMessage());
    }

    @Test
    void blankNamesPrimitiveTypesAndNullsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Key.of(" ", String.class));
        assertThrows(IllegalArgumentException.class, () -> Key.of("n", int.class));
        assertThrows(NullPointerException.class, () -> Key.of(null, String.class));
        assertThrows(NullPointerException.class, () -> Attachments.empty().with(USER, null));
    }

    @Test
    void attachmentsAreImmutable() {
        Attachments empty = Attachments.empty();
        Attachments one = empty.with(USER, new User("a"));
        assertTrue(empty.isEmpty());
        assertFalse(one.isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> one.keys().clear());
    }

    @Test
    void laterValuesWinAndOrderIsKept() {
        Key<String> a = Key.of("a", String.class);
        Key<String> b = Key.of("b", String.class);
        Attachments x = Attachments.empty().with(a, "1").with(b, "2");
        Attachments y = Attachments.empty().with(a, "3");
        Attachments merged = x.withAll(y);
        assertEquals("3", merged.require(a));
        assertEquals(List.of(a, b), List.copyOf(merged.keys()));
        assertSame(x, x.withAll(Attachments.empty()));
    }

    @Test
    void requireNamesTheMissingKey() {
        NoSuchElementException e = assertThrows(NoSuchElementException.class,
                () -> Attachments.empty().require(USER));
        assertTrue(e.getMessage().contains("Key[user:"), e.getMessage());
    }

    @Test
    void toStringNeverPrintsValues() {
        String s = Attachments.empty().with(Key.of("token", String.class), "s3cr3t").toString();
        assertFalse(s.contains("s3cr3t"), s);
        assertTrue(s.contains("token"), s);
        assertEquals("sid=<redacted>", new RequestCookie("sid", "s3cr3t").toString());
    }
}
