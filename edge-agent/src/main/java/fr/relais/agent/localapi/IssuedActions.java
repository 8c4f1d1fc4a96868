package fr.relais.agent.localapi;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The action ids the agent gave the kiosk, so an id it never gave is told apart from one still pending. */
interface IssuedActions {
    /** Remembers {@code id}, an action of {@code type}, before the kiosk hears of it. */
    void issued(UUID id, String type, Instant at);

    /** The type of an action this agent issued, empty for an id it never gave. */
    Optional<String> typeOf(UUID id);
}
