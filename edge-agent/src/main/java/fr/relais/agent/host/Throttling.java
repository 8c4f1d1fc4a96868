package fr.relais.agent.host;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a Raspberry Pi's firmware is holding the CPU back, from the bit field it publishes in
 * {@code /sys/devices/platform/soc/soc:firmware/get_throttled} (the same value as
 * {@code vcgencmd get_throttled}, without running a process every tick). A weak power supply
 * (under-voltage) is the usual cause in the field, before heat: it also corrupts SD cards, so it
 * is reported on its own. Other hosts have no such file and report nothing.
 */
final class Throttling implements HostSensor {
    static final long UNDER_VOLTAGE = 1L;
    static final long FREQUENCY_CAPPED = 1L << 1;
    static final long THROTTLED = 1L << 2;
    static final long SOFT_TEMPERATURE_LIMIT = 1L << 3;
    /** Bits 0–3 say what is happening now; bits 16–19 say the same things happened since boot. */
    private static final long NOW = UNDER_VOLTAGE | FREQUENCY_CAPPED | THROTTLED | SOFT_TEMPERATURE_LIMIT;
    private static final long SINCE_BOOT = NOW << 16;

    private final Path file;
    private final HostFiles files;

    Throttling(Path sysRoot, HostFiles files) {
        this.file = sysRoot.resolve("devices/platform/soc/soc:firmware/get_throttled");
        this.files = files;
    }

    @Override
    public void addTo(Map<String, Object> metrics) {
        Optional<String> text = files.read(file);
        if (text.isEmpty()) {
            return;
        }
        Long bits = parse(text.get());
        if (bits == null) {
            files.garbage(file, text.get(), "a hexadecimal bit field");
            return;
        }
        metrics.put("cpuThrottled", (bits & NOW) != 0);
        metrics.put("underVoltage", (bits & UNDER_VOLTAGE) != 0);
        metrics.put("throttledSinceBoot", (bits & SINCE_BOOT) != 0);
    }

    /** {@code 50005}, {@code 0x50005} or {@code throttled=0x50005}; null if it is none of those. */
    static Long parse(String text) {
        String value = text.strip();
        if (value.startsWith("throttled=")) {
            value = value.substring("throttled=".length());
        }
        if (value.startsWith("0x") || value.startsWith("0X")) {
            value = value.substring(2);
        }
        if (value.isEmpty() || value.length() > 8) {
            return null;
        }
        try {
            return Long.parseLong(value, 16);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
