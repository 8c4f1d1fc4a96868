package fr.relais.kiosk.shots;

/**
 * Selects Monocle's headless screen and software rendering, unless the command line chose already:
 * screenshots and the bench need no display. Must run before the JavaFX toolkit starts.
 */
public final class Headless {

    private Headless() {
    }

    public static void select() {
        setIfAbsent("glass.platform", "Monocle");
        setIfAbsent("monocle.platform", "Headless");
        setIfAbsent("prism.order", "sw");
        setIfAbsent("java.awt.headless", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
