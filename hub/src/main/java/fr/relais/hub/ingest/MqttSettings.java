package fr.relais.hub.ingest;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the hub reaches the broker. {@link #toString()} never shows the password.
 *
 * @param clientId   this hub process's MQTT client id; its session is persistent, so it must be
 *                   the same across restarts of one hub and differ between hubs
 * @param shareGroup the MQTT shared-subscription group the hubs split the node messages in, or
 *                   {@value #NO_SHARING} for plain subscriptions (the default, see there; the
 *                   demo's embedded Moquette 0.17 also accepts shared subscriptions for MQTT 3.1.1
 *                   and delivers nothing on them)
 */
public record MqttSettings(String url, String clientId, Optional<String> username, Optional<String> password,
                           String shareGroup) {
    /** The prefix of derived client ids, and the one fixed id hubs had before they could be several. */
    public static final String DEFAULT_CLIENT_ID = "relais-hub";
    /** The group to name when several hubs share the work ({@code --mqtt-share-group relais-hub}). */
    public static final String DEFAULT_SHARE_GROUP = "relais-hub";
    /**
     * Plain subscriptions, the default. Mosquitto 2.0.11 (Debian 12's) does not persist shared
     * subscriptions: after a broker restart, what nodes publish before the hubs have subscribed
     * again is acknowledged to them and delivered to nobody. A plain subscription of a persistent
     * session survives the restart. Several hubs with plain subscriptions each receive
     * everything and still store each message once (the message id is the key): safe, only
     * not shared.
     */
    public static final String NO_SHARING = "none";
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public MqttSettings {
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("the MQTT client id must not be empty");
        }
        if (shareGroup == null || !GROUP.matcher(shareGroup).matches()) {
            throw new IllegalArgumentException("the share group must be 1 to 64 letters, digits, '-' or '_', got '"
                    + shareGroup + "'");
        }
    }

    /** Plain subscriptions, the default: see {@link #NO_SHARING}. */
    public MqttSettings(String url, String clientId, Optional<String> username, Optional<String> password) {
        this(url, clientId, username, password, NO_SHARING);
    }

    /**
     * The default client id, {@code relais-hub-{hubId}}: stable across restarts (the persistent
     * session and what the broker queued for it survive), distinct between hubs as long as each
     * has its own id. Without an id, the host name and the HTTP port stand for one: two hubs on
     * one machine cannot serve the same port.
     */
    public static String defaultClientId(Optional<String> hubId, String hostName, int httpPort) {
        String id = hubId.filter(given -> !given.isBlank()).orElse(hostName + "-" + httpPort);
        return DEFAULT_CLIENT_ID + "-" + id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
    }

    /** Whether the node messages go through a shared subscription. */
    public boolean sharing() {
        return !NO_SHARING.equals(shareGroup);
    }

    @Override
    public String toString() {
        return "MqttSettings[url=" + url + ", clientId=" + clientId + ", username=" + username.orElse("(none)")
                + ", password=" + (password.isPresent() ? "****" : "(none)") + ", shareGroup=" + shareGroup + "]";
    }
}
