package fr.relais.protocol;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a node has, sent on every (re)connect. {@code bdSeq} counts the node's connections and
 * survives reboots; the node's state and Last Will carry the same value.
 */
public record Birth(Envelope envelope, long bdSeq, SiteInfo site, AgentInfo agent, List<DeviceInfo> devices)
        implements Message {
    /** The most devices one node may declare; configurations and inventories use the same bound. */
    public static final int MAX_DEVICES = 256;

    public Birth {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(agent, "agent");
        devices = List.copyOf(devices);
        if (bdSeq < 0) {
            throw new IllegalArgumentException("bdSeq must be >= 0, got " + bdSeq);
        }
        Set<String> seen = new HashSet<>();
        for (DeviceInfo device : devices) {
            if (!seen.add(device.id())) {
                throw new IllegalArgumentException("device id '" + device.id() + "' appears twice");
            }
        }
    }

    /** The place a node belongs to, as the node was configured. Its id is in the topic. */
    public record SiteInfo(String name, SiteKind kind) {
        public SiteInfo {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** The software on the node. {@code configVersion} changes whenever its configuration does. */
    public record AgentInfo(String version, String configVersion) {
        public AgentInfo {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(configVersion, "configVersion");
        }
    }

    /** One device of the node. {@code simulated} is true only in demos and tests. */
    public record DeviceInfo(String id, DeviceKind kind, String name, boolean simulated) {
        public DeviceInfo {
            if (!Ids.isValid(id)) {
                throw new IllegalArgumentException("device id " + Ids.problem(id));
            }
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
        }
    }
}
