package fr.relais.hub.live;

import fr.relais.hub.auth.Caller;
import java.util.ArrayDeque;

/**
 * One open stream: who reads it and the frames waiting for its socket. A browser that reads
 * slower than events come gets at most {@code capacity} frames queued; past that its queue is
 * thrown away and replaced by a {@code reset}, so that the hub's memory stays bounded and the
 * screen knows to reload its data instead of silently missing some. Used on the feed's context only.
 */
final class LiveClient {
    /** Where the frames go: the HTTP answer, or a test's list. */
    interface Sink {
        /** The socket has enough waiting: queue here instead. */
        boolean full();

        void write(String text);

        /** Runs {@code then} (on the feed's context) once the socket has room again. */
        void onDrain(Runnable then);

        void end();
    }

    private final Caller caller;
    private final Sink sink;
    private final int capacity;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private boolean draining;
    private boolean ended;
    private boolean released;
    private int resets;

    LiveClient(Caller caller, Sink sink, int capacity) {
        this.caller = caller;
        this.sink = sink;
        this.capacity = capacity;
    }

    Caller caller() {
        return caller;
    }

    /**
     * Whether this stream gets an event of this site. An event of no site goes only to the callers
     * who see every site: a site-scoped caller never gets what is not of its site.
     */
    boolean sees(String site) {
        return caller.sees(site);
    }

    /** Sends or queues a frame; false if the queue is full (the caller then {@link #reset}s it). */
    boolean offer(String frame) {
        if (ended) {
            return true;
        }
        if (queue.isEmpty() && !sink.full()) {
            sink.write(frame);
            return true;
        }
        if (queue.size() >= capacity) {
            return false;
        }
        queue.add(frame);
        awaitDrain();
        return true;
    }

    /** Throws away what is queued: the reset frame goes next, alone. */
    void reset(String frame) {
        resets++;
        queue.clear();
        if (!ended && !sink.full()) {
            sink.write(frame);
        } else if (!ended) {
            queue.add(frame);
            awaitDrain();
        }
    }

    /** Says why the stream ends, then ends it; nothing is written after. */
    void end(String lastFrame) {
        if (ended) {
            return;
        }
        queue.clear();
        sink.write(lastFrame);
        ended = true;
        sink.end();
    }

    /**
     * The stream is over (its socket closed, or the feed ended it): nothing more is written.
     * True the first time only, so that its place among the open streams is given back once.
     */
    boolean release() {
        ended = true;
        queue.clear();
        boolean first = !released;
        released = true;
        return first;
    }

    boolean ended() {
        return ended;
    }

    int queued() {
        return queue.size();
    }

    int resets() {
        return resets;
    }

    private void awaitDrain() {
        if (!draining) {
            draining = true;
            sink.onDrain(this::drain);
        }
    }

    private void drain() {
        draining = false;
        while (!ended && !queue.isEmpty() && !sink.full()) {
            sink.write(queue.poll());
        }
        if (!ended && !queue.isEmpty()) {
            awaitDrain();
        }
    }
}
