package fr.relais.hub.ingest;

import io.vertx.core.Future;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hub's own QoS 1 publications between the client taking them and the broker's PUBACK, for
 * one connection. The client names a publication by its packet id only once the packet is
 * written, on the link's thread; the PUBACK arrives on that same thread, later, but an early one
 * is kept so that it is never missed. When the connection goes, every publication not
 * acknowledged fails: Vert.x MQTT does not send it again on the next connection, so its owner
 * must (see {@link HubLink#publish}).
 */
final class Publications {
    private final Map<Integer, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
    /** Touched on the link's thread only. */
    private final Set<Integer> earlyAcknowledgements = new HashSet<>();
    private final AtomicInteger inFlight;
    private boolean lost;

    /** @param inFlight counts the publications of every connection, taken until they end either way */
    Publications(AtomicInteger inFlight) {
        this.inFlight = inFlight;
    }

    /** Follows one publication the client took: {@code written} gives its packet id. */
    CompletableFuture<Void> follow(Future<Integer> written) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        acknowledged.whenComplete((ok, failure) -> inFlight.decrementAndGet());
        written.onComplete(result -> {
            if (result.failed()) {
                acknowledged.completeExceptionally(new IllegalStateException(
                        "the publication could not be written: " + result.cause(), result.cause()));
            } else if (lost) {
                acknowledged.completeExceptionally(connectionLost());
            } else if (!earlyAcknowledgements.remove(result.result())) {
                waiting.put(result.result(), acknowledged);
            } else {
                acknowledged.complete(null);
            }
        });
        return acknowledged;
    }

    /** The broker's PUBACK for a packet id, on the link's thread. */
    void acknowledged(int packetId) {
        CompletableFuture<Void> publication = waiting.remove(packetId);
        if (publication != null) {
            publication.complete(null);
        } else {
            earlyAcknowledgements.add(packetId);
        }
    }

    /** The connection is gone, on the link's thread: every publication not acknowledged fails. */
    void lost() {
        lost = true;
        earlyAcknowledgements.clear();
        for (Integer id : Set.copyOf(waiting.keySet())) {
            CompletableFuture<Void> publication = waiting.remove(id);
            if (publication != null) {
                publication.completeExceptionally(connectionLost());
            }
        }
    }

    private static IllegalStateException connectionLost() {
        return new IllegalStateException("the connection to the broker was lost before it acknowledged the"
                + " publication; it is not sent again by the client");
    }
}
