package fr.relais.agent.config;

import java.util.Objects;

/** A badge reader that asks a door of its node to open, instead of only reporting the badge. */
public record DoorLink(String reader, String door, Direction direction) {
    public DoorLink {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(door, "door");
        Objects.requireNonNull(direction, "direction");
    }
}
