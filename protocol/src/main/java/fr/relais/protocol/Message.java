package fr.relais.protocol;

/** Every payload of the contract. Which one a payload is follows from its topic. */
public sealed interface Message permits NodeState, HubState, Birth, Telemetry, Event, Command, Reply {
    /** The schema version this build writes and understands. */
    int SCHEMA_VERSION = 1;
}
