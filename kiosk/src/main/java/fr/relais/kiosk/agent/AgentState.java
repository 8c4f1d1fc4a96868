package fr.relais.kiosk.agent;

import fr.relais.protocol.content.PlaceContent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the kiosk knows from its agent, on the JavaFX thread: the last good content (kept when the
 * agent or the hub goes away), when the agent last received it, whether the hub link is up and the
 * devices' states. Screens listen and redraw.
 */
public final class AgentState {
    private final boolean configured;
    private final List<Runnable> listeners = new ArrayList<>();
    private PlaceContent content;
    private Instant refreshedAt;
    private boolean linkUp;
    private boolean reachable;
    private List<AgentReplies.Device> devices;
    private Instant lastAnswer;

    public AgentState(boolean configured) {
        this.configured = configured;
    }

    /** False in brochure mode (no link file): nothing will ever come. */
    public boolean configured() {
        return configured;
    }

    public PlaceContent content() {
        return content;
    }

    /** When the agent last received the content from the hub ("mis à jour à …"). */
    public Instant refreshedAt() {
        return refreshedAt;
    }

    /** The hub can be reached now: actions that need it may be tried. */
    public boolean linkUp() {
        return reachable && linkUp;
    }

    /** The agent answered the last poll. */
    public boolean reachable() {
        return reachable;
    }

    /** The devices' states, or null when the agent never said. */
    public List<AgentReplies.Device> devices() {
        return devices;
    }

    /** The last time the agent answered (maintenance screen). */
    public Instant lastAnswer() {
        return lastAnswer;
    }

    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    public void contentReceived(AgentReplies.Content reply, Instant now) {
        if (reply.content() != null) {
            content = reply.content();
        }
        refreshedAt = reply.refreshedAt() != null ? reply.refreshedAt() : refreshedAt;
        linkUp = reply.linkUp();
        answered(now);
    }

    public void statusReceived(AgentReplies.Status status, Instant now) {
        linkUp = status.linkUp();
        if (status.refreshedAt() != null) {
            refreshedAt = status.refreshedAt();
        }
        answered(now);
    }

    public void devicesReceived(List<AgentReplies.Device> received, Instant now) {
        devices = List.copyOf(received);
        answered(now);
    }

    /** The agent did not answer: what was shown stays, marked as possibly old. */
    public void unreachable() {
        if (reachable) {
            reachable = false;
            fire();
        }
    }

    /** Content given directly (screenshots, bench): no agent behind it. */
    public void preload(PlaceContent preloaded, Instant refreshed, boolean up, List<AgentReplies.Device> known) {
        content = preloaded;
        refreshedAt = refreshed;
        linkUp = up;
        reachable = true;
        devices = known;
        fire();
    }

    private void answered(Instant now) {
        reachable = true;
        lastAnswer = now;
        fire();
    }

    private void fire() {
        for (Runnable listener : List.copyOf(listeners)) {
            listener.run();
        }
    }
}
