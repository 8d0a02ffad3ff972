package io.github.switchboard.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Runs the {@link ExpiryIdleCost} measurement on demand, never in the default build:
 * {@code mvn -B -pl it-tests -am verify -Dtest=ExpiryIdleCostTest -Dexpiry.idle=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "expiry.idle", matches = "true")
class ExpiryIdleCostTest {

    @Test
    void measure() throws Exception {
        ExpiryIdleCost.main(new String[] {System.getProperty("expiry.count", "10000"),
                System.getProperty("expiry.seconds", "20")});
    }
}
