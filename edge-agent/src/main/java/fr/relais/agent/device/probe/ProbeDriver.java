package fr.relais.agent.device.probe;

import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.device.Device;
import fr.relais.agent.device.DriverContext;
import fr.relais.agent.device.DriverFactory;
import fr.relais.protocol.Birth;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** The {@code probe} driver: the node measures its own internet link (edge-agent/README.md). */
public final class ProbeDriver implements DriverFactory {
    public static final String NAME = "probe";

    public ProbeDriver() {
        // Here, because the registry is made with the configuration loader, before the agent's
        // first name lookup: later, the JVM would keep caching answers (see JvmDnsCache).
        JvmDnsCache.turnOff();
    }

    @Override
    public String driver() {
        return NAME;
    }

    @Override
    public Set<DeviceKind> kinds() {
        return Set.of(DeviceKind.PROBE);
    }

    /**
     * Reads {@code settings}, and also checks a {@code readTimeoutSeconds} given with it: a poll
     * that may last longer than it would always be abandoned, a blackholed target making every
     * reading "unknown". Better said when the file is loaded. Without one, the device gets
     * {@link #readTimeout} (its worst case).
     */
    @Override
    public Object settings(StrictObject device) throws FieldException {
        ProbeSettings settings = ProbeSettings.read(device);
        if (!device.has("readTimeoutSeconds")) {
            return settings;
        }
        long readTimeout = device.longIn("readTimeoutSeconds", 1, 600, DeviceConfig.DEFAULT_READ_TIMEOUT.toSeconds());
        long needed = neededSeconds(settings);
        if (readTimeout < needed) {
            throw new FieldException(device.field("readTimeoutSeconds"), "a poll of this probe may take up to "
                    + needed + " s (" + settings.attempts() + " attempts of up to " + settings.connectTimeout().toMillis()
                    + " ms per target after the name lookups" + settings.throughput().map(test -> ", then a download of up to "
                    + test.maxDuration().toSeconds() + " s").orElse("") + "): set readTimeoutSeconds to at least "
                    + needed + " (it is " + readTimeout + "), or leave it out");
        }
        return settings;
    }

    /** The worst case of one poll, rounded up: long enough that only a real hang is abandoned. */
    @Override
    public Duration readTimeout(Object settings) {
        return Duration.ofSeconds(Math.max(DeviceConfig.DEFAULT_READ_TIMEOUT.toSeconds(),
                neededSeconds((ProbeSettings) settings)));
    }

    private static long neededSeconds(ProbeSettings settings) {
        return (settings.worstCase().toMillis() + 999) / 1000;
    }

    @Override
    public Device create(DeviceConfig config, DriverContext context) {
        Birth.DeviceInfo info = new Birth.DeviceInfo(config.id(), config.kind(), config.name(), false);
        return ProbeDevice.of(info, config.settings(ProbeSettings.class), context::replayingBacklog,
                () -> ThreadLocalRandom.current().nextDouble());
    }
}
