package fr.relais.protocol;

import java.util.List;
import java.util.Objects;

/**
 * An MQTT topic of the contract. Node topics are {@code relais/v1/{site}/{node}/{kind}} and
 * {@code relais/v1/{site}/{node}/cmd/{name}}; the hub's own state is {@code relais/v1/_hub/state},
 * which no site id can collide with because ids start with a letter or digit.
 */
public record Topic(Kind kind, String site, String node, String command) {
    public static final String ROOT = "relais/v1";
    public static final String HUB_STATE = ROOT + "/_hub/state";

    /** What a topic carries, and the level that names it. */
    public enum Kind {
        STATE("state"),
        BIRTH("birth"),
        TELEMETRY("telemetry"),
        EVENT("event"),
        COMMAND("cmd"),
        REPLY("reply"),
        /** The hub's signed access list for a door node, in fragments ({@code AccessListFragments}). */
        ACCESS("access"),
        /** The hub's content for a place's kiosk, retained, one JSON document ({@code PlaceContentCodec}). */
        CONTENT("content"),
        HUB_STATE("_hub");

        private final String level;

        Kind(String level) {
            this.level = level;
        }

        public String level() {
            return level;
        }
    }

    public Topic {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.HUB_STATE) {
            if (site != null || node != null || command != null) {
                throw new IllegalArgumentException("the hub's state topic has no site, node or command");
            }
        } else {
            requireId("site", site);
            requireId("node", node);
            if (kind == Kind.COMMAND) {
                requireId("command", command);
            } else if (command != null) {
                throw new IllegalArgumentException("only command topics name a command");
            }
        }
    }

    public static Topic hubState() {
        return new Topic(Kind.HUB_STATE, null, null, null);
    }

    public static Topic of(Kind kind, String site, String node) {
        return new Topic(kind, site, node, null);
    }

    public static Topic command(String site, String node, String name) {
        return new Topic(Kind.COMMAND, site, node, name);
    }

    /** Where the hub sends a door node its access list; only that node may read it. */
    public static Topic access(String site, String node) {
        return new Topic(Kind.ACCESS, site, node, null);
    }

    /** Where the hub publishes, retained, the content of a place's kiosk to one of its nodes; only that node reads it. */
    public static Topic content(String site, String node) {
        return new Topic(Kind.CONTENT, site, node, null);
    }

    /** The topic as published. */
    public String path() {
        return switch (kind) {
            case HUB_STATE -> HUB_STATE;
            case COMMAND -> nodePrefix(site, node) + "/cmd/" + command;
            default -> nodePrefix(site, node) + "/" + kind.level();
        };
    }

    /** {@code relais/v1/{site}/{node}}: the namespace a node owns. */
    public static String nodePrefix(String site, String node) {
        return ROOT + "/" + site + "/" + node;
    }

    /** What the hub subscribes to: everything nodes publish (not the commands it sends itself). */
    public static List<String> hubSubscriptions() {
        return List.of(
                ROOT + "/+/+/" + Kind.STATE.level(),
                ROOT + "/+/+/" + Kind.BIRTH.level(),
                ROOT + "/+/+/" + Kind.TELEMETRY.level(),
                ROOT + "/+/+/" + Kind.EVENT.level(),
                ROOT + "/+/+/" + Kind.REPLY.level());
    }

    /**
     * Whether messages of this kind are {@link Message}s ({@link MessageCodec}); access fragments
     * and kiosk content are not.
     */
    public boolean carriesMessage() {
        return kind != Kind.ACCESS && kind != Kind.CONTENT;
    }

    /** What a node subscribes to: its own commands. */
    public static String commandFilter(String site, String node) {
        return nodePrefix(site, node) + "/cmd/+";
    }

    /** Reads a topic, or says precisely why it is not one of the contract. */
    public static Topic parse(String path) throws InvalidMessageException {
        if (path == null || path.isEmpty()) {
            throw new InvalidMessageException("topic", "empty");
        }
        if (path.equals(HUB_STATE)) {
            return hubState();
        }
        if (!path.startsWith(ROOT + "/")) {
            throw new InvalidMessageException("topic", "'" + path + "' is outside the namespace " + ROOT + "/");
        }
        String[] levels = path.substring(ROOT.length() + 1).split("/", -1);
        if (levels.length < 3) {
            throw new InvalidMessageException("topic", "'" + path + "' lacks site, node or kind");
        }
        String site = levels[0];
        String node = levels[1];
        checkId(path, "site", site);
        checkId(path, "node", node);
        String level = levels[2];
        if (level.equals(Kind.COMMAND.level())) {
            if (levels.length != 4) {
                throw new InvalidMessageException("topic", "'" + path + "' must be …/cmd/{name}");
            }
            checkId(path, "command", levels[3]);
            return command(site, node, levels[3]);
        }
        if (levels.length != 3) {
            throw new InvalidMessageException("topic", "'" + path + "' has extra levels after '" + level + "'");
        }
        for (Kind kind : Kind.values()) {
            if (kind != Kind.COMMAND && kind != Kind.HUB_STATE && kind.level().equals(level)) {
                return of(kind, site, node);
            }
        }
        throw new InvalidMessageException("topic", "'" + path + "': unknown kind '" + level + "'");
    }

    private static void checkId(String path, String what, String id) throws InvalidMessageException {
        String problem = Ids.problem(id);
        if (problem != null) {
            throw new InvalidMessageException("topic", "'" + path + "': " + what + " " + problem);
        }
    }

    private static void requireId(String what, String id) {
        String problem = Ids.problem(id);
        if (problem != null) {
            throw new IllegalArgumentException(what + " " + problem);
        }
    }

    @Override
    public String toString() {
        return path();
    }
}
