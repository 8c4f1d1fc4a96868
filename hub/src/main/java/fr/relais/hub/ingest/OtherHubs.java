package fr.relais.hub.ingest;

import fr.relais.protocol.HubState;
import fr.relais.protocol.Presence;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The other hubs of the group a hub knows online, followed through the hubs' shared state topic:
 * the retained state seen on subscribing, then the live ones. Sessions are announced as
 * {@code {client id}/{random id}}, so that a hub tells the others from its own past runs (whose
 * state may still be retained after a power cut took the broker and the hub together).
 */
final class OtherHubs {
    private final String clientId;
    private final Set<String> online = ConcurrentHashMap.newKeySet();

    OtherHubs(String clientId) {
        this.clientId = clientId;
    }

    /** The session this hub announces. */
    static String session(String clientId, String randomId) {
        return clientId + "/" + randomId;
    }

    /** Notes a hub state; true if it is another hub saying it is gone. */
    boolean seen(HubState state) {
        int slash = state.session().lastIndexOf('/');
        String owner = slash < 0 ? state.session() : state.session().substring(0, slash);
        if (owner.equals(clientId)) {
            return false;
        }
        if (state.state() == Presence.ONLINE) {
            online.add(owner);
            return false;
        }
        online.remove(owner);
        return true;
    }

    boolean anyOnline() {
        return !online.isEmpty();
    }

    @Override
    public String toString() {
        return online.toString();
    }
}
