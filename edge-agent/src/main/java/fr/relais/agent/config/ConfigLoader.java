package fr.relais.agent.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import fr.relais.agent.device.DriverFactory;
import fr.relais.agent.device.DriverRegistry;
import fr.relais.agent.device.badge.BadgeHasher;
import fr.relais.agent.device.gpio.NodePins;
import fr.relais.agent.outbox.OutboxLimits;
import fr.relais.agent.simulation.TimeScale;
import fr.relais.protocol.Birth;
import fr.relais.protocol.ConfigSecrets;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.SiteKind;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an agent's {@code agent.yaml}. Fails fast: any unknown, missing or invalid field stops
 * the agent with a message naming the file and the field, rather than running half-configured.
 */
public final class ConfigLoader {
    static final Duration DEFAULT_TELEMETRY_INTERVAL = Duration.ofSeconds(10);
    private static final long MEGABYTE = 1024L * 1024;
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final Map<String, String> environment;
    private final DriverRegistry drivers;

    public ConfigLoader() {
        this(System.getenv());
    }

    public ConfigLoader(Map<String, String> environment) {
        this(environment, DriverRegistry.standard());
    }

    public ConfigLoader(Map<String, String> environment, DriverRegistry drivers) {
        this.environment = Map.copyOf(environment);
        this.drivers = drivers;
    }

    public NodeConfig load(Path file) throws ConfigException {
        String raw;
        try {
            raw = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the configuration: " + e.getMessage(), e);
        }
        try {
            return parse(raw, file.toAbsolutePath().getParent());
        } catch (ConfigException e) {
            throw new ConfigException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses a configuration text; relative paths in it are resolved against {@code baseDir}. */
    public NodeConfig parse(String raw, Path baseDir) throws ConfigException {
        JsonNode tree;
        try {
            tree = YAML.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new ConfigException("not valid YAML: " + withoutQuotedLines(e.getOriginalMessage())
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"), e);
        }
        tree = EnvironmentSubstitution.apply(tree, environment);
        try {
            return read(StrictObject.root(tree, "document"), baseDir, digest(raw), raw);
        } catch (FieldException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    private NodeConfig read(StrictObject root, Path baseDir, String version, String raw)
            throws FieldException {
        String node = root.id("node");
        StrictObject siteObject = root.object("site");
        NodeConfig.Site site = new NodeConfig.Site(siteObject.id("id"), siteObject.text("name"),
                siteObject.choice("kind", SiteKind.class));
        siteObject.finish();
        BrokerSettings broker = broker(root.object("broker"), baseDir);
        StrictObject storage = root.object("storage");
        Path storageFile = ConfigPaths.resolve(baseDir, storage.field("file"), storage.text("file"));
        storage.finish();
        Duration interval = DEFAULT_TELEMETRY_INTERVAL;
        boolean simulatedHost = false;
        Optional<StrictObject> telemetry = root.optionalObject("telemetry");
        if (telemetry.isPresent()) {
            interval = Duration.ofSeconds(telemetry.get().longIn("intervalSeconds", 1, 86_400,
                    DEFAULT_TELEMETRY_INTERVAL.toSeconds()));
            simulatedHost = telemetry.get().bool("simulatedHost", false);
            telemetry.get().finish();
        }
        ClockSource clock = ClockSource.SYSTEMD_TIMESYNCD;
        Optional<StrictObject> clockObject = root.optionalObject("clock");
        if (clockObject.isPresent()) {
            clock = clockObject.get().choice("source", ClockSource.class, ClockSource.SYSTEMD_TIMESYNCD);
            clockObject.get().finish();
        }
        OutboxSettings outbox = OutboxSettings.defaults();
        Optional<StrictObject> outboxObject = root.optionalObject("outbox");
        if (outboxObject.isPresent()) {
            outbox = outbox(outboxObject.get());
        }
        CommandSettings commands = CommandSettings.none();
        Optional<StrictObject> commandsObject = root.optionalObject("commands");
        if (commandsObject.isPresent()) {
            commands = commands(commandsObject.get());
        }
        List<DeviceConfig> devices = devices(root, interval);
        Optional<String> pinTwice = NodePins.conflict(devices);
        if (pinTwice.isPresent()) {
            // Found now rather than when the second device fails to open on the Pi.
            throw new FieldException("devices", pinTwice.get());
        }
        Optional<String> badgeKey = badgeKey(root, devices);
        Optional<AccessSettings> access = Optional.empty();
        Optional<StrictObject> accessObject = root.optionalObject("access");
        if (accessObject.isPresent()) {
            access = Optional.of(AccessBlock.read(accessObject.get()));
        }
        Optional<KioskApiSettings> kioskApi = Optional.empty();
        Optional<StrictObject> kioskApiObject = root.optionalObject("kioskApi");
        if (kioskApiObject.isPresent()) {
            kioskApi = Optional.of(KioskApiBlock.read(kioskApiObject.get(), baseDir, devices));
        }
        List<DoorLink> doorLinks = DoorLinks.resolve(devices, access.isPresent(),
                kioskApi.flatMap(KioskApiSettings::reader));
        Optional<TimeScale> simulation = simulation(root, devices);
        root.finish();
        List<String> secrets = new ArrayList<>();
        broker.password().ifPresent(secrets::add);
        badgeKey.ifPresent(secrets::add);
        kioskApi.flatMap(KioskApiSettings::maintenancePin).ifPresent(pin -> secrets.add(pin.encoded()));
        return new NodeConfig(node, site, broker, storageFile, interval, simulatedHost, clock, outbox, commands, devices, badgeKey,
                access, doorLinks, kioskApi, simulation, version, ConfigSecrets.mask(raw, secrets));
    }

    /**
     * {@code simulation: {timeScale: K, start: "2026-12-07T23:00:00Z"}}, for benchmarks: refused
     * unless every device is simulated, since a real driver's hardware keeps real time.
     */
    private static Optional<TimeScale> simulation(StrictObject root, List<DeviceConfig> devices) throws FieldException {
        Optional<StrictObject> block = root.optionalObject("simulation");
        if (block.isEmpty()) {
            return Optional.empty();
        }
        StrictObject simulation = block.get();
        if (!simulation.has("timeScale")) {
            throw new FieldException(simulation.field("timeScale"), "is required in a simulation block");
        }
        long factor = simulation.longIn("timeScale", 2, TimeScale.MAX_FACTOR, 2);
        Optional<java.time.Instant> start = simulation.optionalInstant("start");
        simulation.finish();
        for (DeviceConfig device : devices) {
            if (!device.simulated()) {
                throw new FieldException(simulation.field("timeScale"), "is for simulated devices only (benchmarks):"
                        + " device " + device.id() + " uses driver '" + device.driver() + "'");
            }
        }
        return Optional.of(new TimeScale(factor, start));
    }

    private static BrokerSettings broker(StrictObject broker, Path baseDir) throws FieldException {
        String url = broker.text("url");
        if (!url.matches("(tcp|ssl)://[^\\s/]+:\\d{1,5}")) {
            throw new FieldException(broker.field("url"), "'" + url + "' must look like tcp://host:1883 or ssl://host:8883");
        }
        var username = broker.optionalText("username");
        var password = broker.optionalText("password");
        if (password.isPresent() && username.isEmpty()) {
            throw new FieldException(broker.field("username"), "is required when a password is given");
        }
        int maxInflight = (int) broker.longIn("maxInflight", 1, 65_535, BrokerSettings.DEFAULT_MAX_INFLIGHT);
        Duration keepAlive = Duration.ofSeconds(broker.longIn("keepAliveSeconds", 5, 3600,
                BrokerSettings.DEFAULT_KEEP_ALIVE.toSeconds()));
        Duration connectTimeout = Duration.ofSeconds(broker.longIn("connectTimeoutSeconds", 1, 300,
                BrokerSettings.DEFAULT_CONNECT_TIMEOUT.toSeconds()));
        Duration reconnectMin = Duration.ofMillis(broker.longIn("reconnectMinMillis", 10, 600_000,
                BrokerSettings.DEFAULT_RECONNECT_MIN.toMillis()));
        Duration reconnectMax = Duration.ofMillis(broker.longIn("reconnectMaxMillis", 10, 3_600_000,
                BrokerSettings.DEFAULT_RECONNECT_MAX.toMillis()));
        if (reconnectMax.compareTo(reconnectMin) < 0) {
            throw new FieldException(broker.field("reconnectMaxMillis"), "must not be below reconnectMinMillis");
        }
        Optional<TlsSettings> tls = Optional.empty();
        Optional<StrictObject> tlsObject = broker.optionalObject("tls");
        if (tlsObject.isPresent()) {
            if (!url.startsWith("ssl://")) {
                throw new FieldException(broker.field("tls"), "needs an ssl:// broker.url, not '" + url
                        + "': with tcp:// nothing would be encrypted");
            }
            tls = Optional.of(TlsBlock.read(tlsObject.get(), baseDir));
        }
        broker.finish();
        return new BrokerSettings(url, username, password, maxInflight, keepAlive, connectTimeout, reconnectMin,
                reconnectMax, tls);
    }

    private static OutboxSettings outbox(StrictObject outbox) throws FieldException {
        long maxMessages = outbox.longIn("maxMessages", 1_000, 100_000_000, OutboxLimits.DEFAULT_MAX_MESSAGES);
        long maxMegabytes = outbox.longIn("maxMegabytes", 1, 1_000_000, OutboxLimits.DEFAULT_MAX_BYTES / MEGABYTE);
        long rate = outbox.longIn("replayRatePerSecond", 1, 1_000_000, (long) OutboxSettings.DEFAULT_REPLAY_RATE);
        outbox.finish();
        return new OutboxSettings(new OutboxLimits(maxMessages, maxMegabytes * MEGABYTE), rate);
    }

    private static CommandSettings commands(StrictObject commands) throws FieldException {
        Optional<List<String>> restartKiosk = commandLine(commands, "restartKiosk");
        Optional<List<String>> reboot = commandLine(commands, "reboot");
        Duration timeout = Duration.ofSeconds(commands.longIn("timeoutSeconds", 1, 3_600,
                CommandSettings.DEFAULT_TIMEOUT.toSeconds()));
        Duration probation = Duration.ofSeconds(commands.longIn("configProbationSeconds", 1, 3_600,
                CommandSettings.DEFAULT_CONFIG_PROBATION.toSeconds()));
        commands.finish();
        return new CommandSettings(restartKiosk, reboot, timeout, probation);
    }

    /** A command line given as a list of words, so no shell ever interprets it. */
    private static Optional<List<String>> commandLine(StrictObject commands, String name) throws FieldException {
        if (!commands.has(name)) {
            return Optional.empty();
        }
        List<String> words = commands.texts(name);
        if (words.isEmpty() || words.get(0).isBlank()) {
            throw new FieldException(commands.field(name), "must name a program, such as [systemctl, reboot]");
        }
        return Optional.of(words);
    }

    /**
     * {@code badges.hashKey}: required as soon as one device reads badges, since a badge number
     * must never leave the reader in clear.
     */
    private Optional<String> badgeKey(StrictObject root, List<DeviceConfig> devices) throws FieldException {
        Optional<DeviceConfig> reader = devices.stream()
                .filter(device -> drivers.find(device.driver()).map(DriverFactory::readsBadges).orElse(false))
                .findFirst();
        if (!root.has("badges")) {
            if (reader.isPresent()) {
                throw new FieldException("badges", "is required: device '" + reader.get().id()
                        + "' reads badges, and their numbers are only sent hashed with the site's badges.hashKey");
            }
            return Optional.empty();
        }
        StrictObject badges = root.object("badges");
        String key = badges.text("hashKey");
        if (key.length() < BadgeHasher.MIN_KEY_LENGTH) {
            throw new FieldException(badges.field("hashKey"), "must have at least " + BadgeHasher.MIN_KEY_LENGTH
                    + " characters (provisioning renders a random one per site)");
        }
        badges.finish();
        return Optional.of(key);
    }

    private List<DeviceConfig> devices(StrictObject root, Duration telemetryInterval) throws FieldException {
        List<DeviceConfig> devices = new ArrayList<>();
        if (!root.has("devices")) {
            return devices;
        }
        Set<String> ids = new HashSet<>();
        for (StrictObject device : root.objects("devices", Birth.MAX_DEVICES)) {
            String id = device.id("id");
            if (!ids.add(id)) {
                throw new FieldException(device.field("id"), "'" + id + "' is used by another device of this node");
            }
            DeviceKind kind = device.choice("kind", DeviceKind.class);
            String name = device.text("name");
            String driver = device.text("driver");
            DriverFactory factory = drivers.find(driver).orElseThrow(() -> new FieldException(device.field("driver"),
                    "no driver '" + driver + "' in this version of the agent (available: " + drivers.names() + ")"));
            if (!factory.kinds().contains(kind)) {
                throw new FieldException(device.field("kind"), "driver '" + driver + "' drives "
                        + factory.kinds().stream().map(DeviceKind::wire).sorted().toList() + ", not '" + kind.wire()
                        + "'");
            }
            Duration poll = Duration.ofSeconds(device.longIn("pollSeconds", 1, 86_400,
                    telemetryInterval.toSeconds()));
            Object settings = factory.settings(device);
            Duration readTimeout = Duration.ofSeconds(device.longIn("readTimeoutSeconds", 1, 600,
                    factory.readTimeout(settings).toSeconds()));
            device.finish();
            devices.add(new DeviceConfig(id, kind, name, driver, poll, readTimeout, settings));
        }
        return devices;
    }

    /**
     * The parser's explanation without the copy of the offending line it appends (after
     * "in 'reader'"): that line may hold a password.
     */
    private static String withoutQuotedLines(String message) {
        StringBuilder kept = new StringBuilder();
        for (String line : String.valueOf(message).split("\\R")) {
            if (line.contains(" in 'reader'") || line.contains("in 'string'")) {
                break;
            }
            kept.append(kept.length() == 0 ? "" : " ").append(line.trim());
        }
        return kept.toString();
    }

    private static String digest(String raw) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
