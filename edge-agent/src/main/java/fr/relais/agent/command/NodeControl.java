package fr.relais.agent.command;

import fr.relais.agent.outbox.OutboxStats;
import java.util.Map;

/** What the built-in commands may do to their node; the agent implements it. */
public interface NodeControl {
    Map<String, Object> describe();

    void rebirth();

    /** The configuration file as it is, secrets masked, and its version. */
    Map<String, Object> configuration();

    /** Validates, applies and persists a new configuration, or rolls back to the current one. */
    Outcome reconfigure(String yaml);

    /** The outbox's statistics; the counters since the last flush start again from zero. */
    OutboxStats flushOutboxStats();
}
