package io.github.switchboard.internal.metrics;

/** Whether Micrometer is visible to this library's class loader: looked up once, never loaded. */
final class MicrometerPresence {

    static final boolean PRESENT = present();

    private MicrometerPresence() {
    }

    private static boolean present() {
        try {
            Class.forName("io.micrometer.core.instrument.MeterRegistry", false,
                    MicrometerPresence.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
