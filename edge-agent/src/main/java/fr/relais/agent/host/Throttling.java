package fr.relais.agent.host;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a Raspberry Pi's firmware is holding the CPU back, from the bit field it publishes in
 * {@code /sys/devices/platform/soc/soc:firmware/get_throttled} (the same value as
 * {@code vcgencmd get_throttled}, without running a process every tick). A weak power supply
 * (under-voltage) is the usual cause in the field, before heat: it also corrupts SD cards, so it
 * is reported on its own. Other hosts have no such file and report nothing.
 *
 * <p>The firmware device is {@code soc:firmware} on the Pis of this project; its name follows the
 * device tree, so if it is not there the file is looked for under the driver's folder
 * ({@code /sys/bus/platform/drivers/raspberrypi-firmware/*}). The kernel calls the file
 * deprecated and logs one warning in {@code dmesg} at the first read after boot; its value is
 * refreshed every 2 s by the kernel's own hwmon poll.
 */
final class Throttling implements HostSensor {
    static final long UNDER_VOLTAGE = 1L;
    static final long FREQUENCY_CAPPED = 1L << 1;
    static final long THROTTLED = 1L << 2;
    static final long SOFT_TEMPERATURE_LIMIT = 1L << 3;
    /** Bits 0–3 say what is happening now; bits 16–19 say the same things happened since boot. */
    private static final long NOW = UNDER_VOLTAGE | FREQUENCY_CAPPED | THROTTLED | SOFT_TEMPERATURE_LIMIT;
    private static final long SINCE_BOOT = NOW << 16;

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{1,8}");

    private static final String FILE = "get_throttled";

    private final Path usual;
    private final Path driver;
    private final HostFiles files;
    private Path file;

    Throttling(Path sysRoot, HostFiles files) {
        this.usual = sysRoot.resolve("devices/platform/soc/soc:firmware").resolve(FILE);
        this.driver = sysRoot.resolve("bus/platform/drivers/raspberrypi-firmware");
        this.files = files;
    }

    @Override
    public void addTo(Map<String, Object> metrics) {
        if (file == null || !Files.exists(file)) {
            file = locate();
            if (file == null) {
                return;
            }
        }
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

    /** The firmware's file, or null on a host that is not a Pi. */
    private Path locate() {
        if (Files.exists(usual)) {
            return usual;
        }
        try (DirectoryStream<Path> devices = Files.newDirectoryStream(driver)) {
            for (Path device : devices) {
                if (Files.exists(device.resolve(FILE))) {
                    return device.resolve(FILE);
                }
            }
        } catch (IOException | SecurityException e) {
            // No such driver: not a Pi.
        }
        return null;
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
        // 32 bits at most, and no sign: Long.parseLong alone would take "-1" as every bit set.
        return HEX.matcher(value).matches() ? Long.parseLong(value, 16) : null;
    }
}
