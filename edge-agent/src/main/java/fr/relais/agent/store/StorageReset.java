package fr.relais.agent.store;

import java.nio.file.Path;

/**
 * The agent found its database unreadable at start, moved it aside and began with an empty
 * one. Whatever that file still held is lost to the hub unless a technician recovers it by hand;
 * the node reports this as a critical event.
 */
public record StorageReset(Path movedTo, String reason) {
}
