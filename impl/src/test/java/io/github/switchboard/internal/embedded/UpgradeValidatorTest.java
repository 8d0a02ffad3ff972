package io.github.switchboard.internal.embedded;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Connection-token check every upgrade runs (the request-level checks: UpgradeValidationTest). */
class UpgradeValidatorTest {

    @Test
    void theUpgradeTokenIsFoundInAnyElementOfAnyValueIgnoringCaseAndSpaces() {
        for (String v : List.of("Upgrade", "upgrade", "UPGRADE", "keep-alive, Upgrade",
                "keep-alive,upgrade", " \tUpgrade\t ", "Upgrade, keep-alive", ",upgrade,",
                "a,,Upgrade")) {
            assertTrue(UpgradeValidator.hasToken(List.of(v), "upgrade"), v);
        }
        assertTrue(UpgradeValidator.hasToken(List.of("keep-alive", "Upgrade"), "upgrade"));
    }

    @Test
    void onlyAWholeElementCounts() {
        for (String v : List.of("", ",", "upgraded", "Upgrades, keep-alive", "up grade",
                "keep-alive", "xupgrade", "upgrade-x", "upgrad")) {
            assertFalse(UpgradeValidator.hasToken(List.of(v), "upgrade"), v);
        }
        assertFalse(UpgradeValidator.hasToken(List.of(), "upgrade"));
    }
}
