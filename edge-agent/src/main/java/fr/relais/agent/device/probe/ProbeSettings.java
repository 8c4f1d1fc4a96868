package fr.relais.agent.device.probe;

import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code settings:} of a {@code probe} device: what it measures, on which interface, and the
 * bounds of its verdict. See edge-agent/README.md, "Connectivity probe".
 *
 * @param sysRoot  {@code /sys}, a folder of fake files in tests
 * @param procRoot {@code /proc}, likewise
 */
public record ProbeSettings(List<TcpTarget> targets, int attempts, Duration connectTimeout, List<String> dnsNames,
                            Optional<URI> https, HubTrust trust, Optional<ThroughputSettings> throughput,
                            LinkKind link, Optional<String> interfaceName, ProbeThresholds thresholds, Path sysRoot,
                            Path procRoot) {
    public static final int DEFAULT_ATTEMPTS = 5;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofMillis(3000);
    /**
     * Bounded so that the {@code probe-measurement} event, which carries every target and name,
     * stays within the 100 entries of an event's data.
     */
    static final int MAX_TARGETS = 8;
    static final int MAX_DNS_NAMES = 5;
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*\\.?");

    public ProbeSettings {
        targets = List.copyOf(targets);
        dnsNames = List.copyOf(dnsNames);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a probe needs at least one target");
        }
    }

    /**
     * What {@code agent check probe tcp://host:port} measures: that one target, with the defaults
     * for everything else and no throughput test.
     */
    public static ProbeSettings checking(TcpTarget target) {
        return new ProbeSettings(List.of(target), DEFAULT_ATTEMPTS, DEFAULT_CONNECT_TIMEOUT, List.of(), Optional.empty(),
                HubTrust.system(), Optional.empty(), LinkKind.UNKNOWN, Optional.empty(), ProbeThresholds.DEFAULTS,
                Path.of("/sys"), Path.of("/proc"));
    }

    /**
     * The longest one poll may take: names are resolved, then every target is tried
     * {@code attempts} times one after the other (targets and the HTTPS request in parallel), then
     * the throughput test when it is due. The device's read timeout must cover it.
     */
    public Duration worstCase() {
        Duration measuring = connectTimeout.multipliedBy(attempts + 1L);
        Duration downloading = throughput.map(ThroughputSettings::maxDuration).orElse(Duration.ZERO);
        return measuring.plus(downloading).plusSeconds(1);
    }

    static ProbeSettings read(StrictObject device) throws FieldException {
        StrictObject settings = device.optionalObject("settings").orElseThrow(() -> new FieldException(
                device.field("settings"), "is required for a probe: at least its targets (tcp://host:port)"));
        List<TcpTarget> targets = targets(settings);
        int attempts = (int) settings.longIn("attempts", 1, 20, DEFAULT_ATTEMPTS);
        Duration connectTimeout = Duration.ofMillis(settings.longIn("connectTimeoutMillis", 100, 30_000,
                DEFAULT_CONNECT_TIMEOUT.toMillis()));
        List<String> dns = names(settings);
        Optional<URI> https = settings.has("https")
                ? Optional.of(ThroughputSettings.webAddress(settings, "https", false)) : Optional.empty();
        HubTrust trust = HubTrust.read(settings.field("caFile"), settings.optionalText("caFile"));
        Optional<StrictObject> throughputBlock = settings.optionalObject("throughput");
        Optional<ThroughputSettings> throughput = throughputBlock.isPresent()
                ? Optional.of(ThroughputSettings.read(throughputBlock.get())) : Optional.empty();
        LinkKind link = settings.choice("link", LinkKind.class, LinkKind.UNKNOWN);
        Optional<String> interfaceName = settings.optionalText("interface");
        if (interfaceName.isPresent() && !NetworkInterfaces.NAME.matcher(interfaceName.get()).matches()) {
            throw new FieldException(settings.field("interface"), "'" + interfaceName.get()
                    + "' is not a network interface name (such as eth0, wlan0, wwan0)");
        }
        ProbeThresholds thresholds = ProbeThresholds.read(settings);
        Path sysRoot = path(settings, "sysRoot", "/sys");
        Path procRoot = path(settings, "procRoot", "/proc");
        settings.finish();
        return new ProbeSettings(targets, attempts, connectTimeout, dns, https, trust, throughput, link, interfaceName,
                thresholds, sysRoot, procRoot);
    }

    private static List<TcpTarget> targets(StrictObject settings) throws FieldException {
        List<String> texts = settings.texts("targets");
        if (texts.isEmpty() || texts.size() > MAX_TARGETS) {
            throw new FieldException(settings.field("targets"), "must list 1 to " + MAX_TARGETS
                    + " targets such as tcp://hub.example:8883, got " + texts.size());
        }
        List<TcpTarget> targets = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            TcpTarget target = TcpTarget.parse(settings.field("targets") + "[" + i + "]", texts.get(i));
            if (targets.contains(target)) {
                throw new FieldException(settings.field("targets") + "[" + i + "]", target + " is listed twice");
            }
            targets.add(target);
        }
        return targets;
    }

    private static List<String> names(StrictObject settings) throws FieldException {
        if (!settings.has("dns")) {
            return List.of();
        }
        List<String> names = settings.texts("dns");
        if (names.size() > MAX_DNS_NAMES) {
            throw new FieldException(settings.field("dns"), "at most " + MAX_DNS_NAMES + " names, got " + names.size());
        }
        for (int i = 0; i < names.size(); i++) {
            if (!HOST_NAME.matcher(names.get(i)).matches()) {
                throw new FieldException(settings.field("dns") + "[" + i + "]", "'" + names.get(i)
                        + "' is not a host name (such as hub.example or www.service-public.fr)");
            }
        }
        return names;
    }

    private static Path path(StrictObject settings, String name, String defaultValue) throws FieldException {
        String text = settings.optionalText(name).orElse(defaultValue);
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new FieldException(settings.field(name), "'" + text + "' is not a path: " + e.getReason());
        }
    }
}
