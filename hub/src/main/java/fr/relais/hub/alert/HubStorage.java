package fr.relais.hub.alert;

/**
 * What the hub knows of its own database, for the {@code hubStorageFailing} rules: the writer's
 * view, kept in memory, since the database itself may be what is failing.
 */
@FunctionalInterface
public interface HubStorage {
    /** For a hub whose storage is not watched. */
    HubStorage NONE = () -> null;

    /** The current outage, or the last one; null if the database has not failed since the hub started. */
    Outage lastOutage();

    /**
     * @param since   when the database started refusing the hub's writes (epoch ms)
     * @param endedAt when it stored again (epoch ms), null while it still fails
     * @param error   its last refusal
     */
    record Outage(long since, Long endedAt, String error) {
    }
}
