package fr.relais.kiosk.ui;

import java.util.ArrayList;
import java.util.List;

/**
 * One visitor's session, from a wipe to the next: what a screen of the session started and must
 * stop when the next visitor comes (a request still followed, say) is registered here. Used on the
 * JavaFX thread only.
 */
final class VisitorSession {
    private final List<Runnable> atEnd = new ArrayList<>();
    private boolean ended;

    /** Runs {@code stop} when the session ends; at once if it has ended already. */
    void atEnd(Runnable stop) {
        if (ended) {
            stop.run();
        } else {
            atEnd.add(stop);
        }
    }

    boolean ended() {
        return ended;
    }

    void end() {
        ended = true;
        atEnd.forEach(Runnable::run);
        atEnd.clear();
    }
}
