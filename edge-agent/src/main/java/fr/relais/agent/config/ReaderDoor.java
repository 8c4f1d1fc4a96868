package fr.relais.agent.config;

import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.util.Objects;
import java.util.Optional;

/**
 * What a badge reader's settings say about its door, as written: {@code door} (a door device of
 * the same node) and {@code direction}. Whether the link holds, and the default door, is decided
 * for the whole node by {@link DoorLinks}, which sees every device.
 */
public record ReaderDoor(Optional<String> door, Optional<Direction> direction) {
    public static final ReaderDoor NONE = new ReaderDoor(Optional.empty(), Optional.empty());

    public ReaderDoor {
        Objects.requireNonNull(door, "door");
        Objects.requireNonNull(direction, "direction");
    }

    /** Reads {@code door} and {@code direction} from a reader's {@code settings} block. */
    public static ReaderDoor read(StrictObject settings) throws FieldException {
        Optional<String> door = settings.optionalId("door");
        Optional<Direction> direction = settings.optionalText("direction").isEmpty() ? Optional.empty()
                : Optional.of(settings.choice("direction", Direction.class));
        return new ReaderDoor(door, direction);
    }

    /** The settings record of a driver whose devices read badges and may open a door. */
    public interface Linkable {
        ReaderDoor readerDoor();
    }
}
