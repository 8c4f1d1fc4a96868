package fr.relais.agent.config;

import fr.relais.protocol.SiteKind;
import fr.relais.agent.simulation.TimeScale;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one edge agent needs to run one node, as read from its {@code agent.yaml}.
 *
 * @param version    a digest of the file, reported in the birth so the hub sees which
 *                   configuration each node runs
 * @param simulatedHost {@code telemetry.simulatedHost}: the demo's nodes, many agents on one machine,
 *                      report a simulated CPU temperature of their own ({@code SimulatedHost})
 * @param badgeHashKey the site's key for hashing badge numbers ({@code badges.hashKey}), needed
 *                     when a device reads badges
 * @param access     on a door's node, the hub's key for verifying access lists ({@code access:})
 * @param doorLinks  the badge readers that open a door of this node ({@link DoorLinks})
 * @param kioskApi   the kiosk's loopback API ({@code kioskApi:}), opt-in
 * @param simulation {@code simulation.timeScale}: benchmarks only, simulated devices only ({@link TimeScale})
 * @param maskedText the file as written, with any password masked, for {@code get-config}
 */
public record NodeConfig(String node, Site site, BrokerSettings broker, Path storageFile, Duration telemetryInterval,
                         boolean simulatedHost, ClockSource clock, OutboxSettings outbox, CommandSettings commands, List<DeviceConfig> devices,
                         Optional<String> badgeHashKey, Optional<AccessSettings> access, List<DoorLink> doorLinks,
                         Optional<KioskApiSettings> kioskApi, Optional<TimeScale> simulation, String version,
                         String maskedText) {

    public NodeConfig {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(storageFile, "storageFile");
        Objects.requireNonNull(telemetryInterval, "telemetryInterval");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(outbox, "outbox");
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(badgeHashKey, "badgeHashKey");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(kioskApi, "kioskApi");
        Objects.requireNonNull(simulation, "simulation");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(maskedText, "maskedText");
        devices = List.copyOf(devices);
        doorLinks = List.copyOf(doorLinks);
    }

    /** The link of this reader, if it opens a door. */
    public Optional<DoorLink> doorLink(String reader) {
        return doorLinks.stream().filter(link -> link.reader().equals(reader)).findFirst();
    }

    /** Never the badge key: with it, every badge number could be found back from its hash. */
    @Override
    public String toString() {
        return "NodeConfig[node=" + node + ", site=" + site + ", broker=" + broker + ", storageFile=" + storageFile
                + ", devices=" + devices.size() + ", badgeHashKey=" + (badgeHashKey.isPresent() ? "****" : "none")
                + ", access=" + access.map(AccessSettings::toString).orElse("none") + ", version=" + version + "]";
    }

    /** The place this node belongs to. */
    public record Site(String id, String name, SiteKind kind) {
    }
}
