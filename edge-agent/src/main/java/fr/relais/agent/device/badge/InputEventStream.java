package fr.relais.agent.device.badge;

import fr.relais.agent.device.badge.InputEventLayout.InputEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a byte stream into {@code input_event} records, whatever the chunks it comes in: a real
 * evdev device returns whole records, a pipe (a test, a replay) may split them anywhere. The
 * bytes of a record not yet complete wait for the next chunk.
 */
final class InputEventStream {
    private final InputEventLayout layout;
    private final byte[] partial;
    private int partialLength;

    InputEventStream(InputEventLayout layout) {
        this.layout = layout;
        this.partial = new byte[layout.size()];
    }

    List<InputEvent> feed(byte[] bytes, int length) {
        List<InputEvent> events = new ArrayList<>(length / layout.size() + 1);
        int offset = 0;
        if (partialLength > 0) {
            int missing = Math.min(layout.size() - partialLength, length);
            System.arraycopy(bytes, 0, partial, partialLength, missing);
            partialLength += missing;
            offset = missing;
            if (partialLength < layout.size()) {
                return events;
            }
            events.add(layout.decode(partial, 0));
            partialLength = 0;
        }
        while (length - offset >= layout.size()) {
            events.add(layout.decode(bytes, offset));
            offset += layout.size();
        }
        partialLength = length - offset;
        System.arraycopy(bytes, offset, partial, 0, partialLength);
        return events;
    }

    /** Forgets a record cut by the end of the stream. */
    void reset() {
        partialLength = 0;
    }
}
