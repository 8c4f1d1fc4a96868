package fr.relais.hub.ingest;

import fr.relais.protocol.Topic;
import java.util.ArrayList;
import java.util.List;

/**
 * What a hub subscribes to when several hubs share the work. Births, telemetry, events and
 * replies go through an MQTT shared subscription ({@code $share/{group}/…}): the broker hands
 * each message to one hub of the group. States and the hubs' own state are subscribed by every
 * hub: a retained message is how a hub learns the nodes' presence when it starts, and the MQTT
 * specification does not promise retained messages on a shared subscription (Mosquitto 2.0.11
 * sends them, other brokers need not). Every hub thus writes every state, which the registry
 * applies idempotently.
 */
public final class HubSubscriptions {
    private HubSubscriptions() {
    }

    /**
     * Shared between the hubs of the group: each message reaches one of them; plain filters for
     * {@link MqttSettings#NO_SHARING}.
     */
    public static List<String> shared(String group) {
        List<String> filters = new ArrayList<>();
        for (String filter : Topic.hubSubscriptions()) {
            if (!filter.endsWith("/" + Topic.Kind.STATE.level())) {
                filters.add(MqttSettings.NO_SHARING.equals(group) ? filter : "$share/" + group + "/" + filter);
            }
        }
        return filters;
    }

    /** Seen by every hub: the nodes' retained states, and the other hubs' state. */
    public static List<String> everyHub() {
        List<String> filters = new ArrayList<>();
        for (String filter : Topic.hubSubscriptions()) {
            if (filter.endsWith("/" + Topic.Kind.STATE.level())) {
                filters.add(filter);
            }
        }
        filters.add(Topic.HUB_STATE);
        return filters;
    }
}
