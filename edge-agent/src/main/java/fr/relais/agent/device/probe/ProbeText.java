package fr.relais.agent.device.probe;

import java.util.Locale;

/** Figures as a French reader writes them: "12,5 ms", "94,2 Mbit/s", "5,0 Mo". */
final class ProbeText {
    private ProbeText() {
    }

    static String millis(double millis) {
        return number(millis) + " ms";
    }

    static String mbps(double mbps) {
        return number(mbps) + " Mbit/s";
    }

    static String percent(double percent) {
        return number(percent) + " %";
    }

    static String megabytes(long bytes) {
        return number(bytes / 1_000_000.0) + " Mo";
    }

    static String seconds(double seconds) {
        return seconds < 0.1 ? "moins de 0,1 s" : number(Elapsed.round1(seconds)) + " s";
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.valueOf((long) value) : String.format(Locale.FRANCE, "%.1f", value);
    }
}
