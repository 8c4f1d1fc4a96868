package fr.relais.hub.auth;

import java.util.Arrays;
import java.util.Optional;

/** What an account may do; see {@link Permissions} for the routes each role reaches. */
public enum Role {
    /** Everything, accounts and the audit included. */
    ADMIN,
    /** Reads everything and acts on the fleet (commands), but manages no account. */
    TECHNICIAN,
    /** A site manager: reads their own site only, changes nothing. */
    VIEWER,
    /**
     * A coworking site's manager: reads their own site like a viewer, and reads and writes the
     * coworking data (members, badges, bookings…) of that site only.
     */
    MANAGER,
    /**
     * A place's mediator (or the van's agents, for the van's site): reads their own site like a
     * viewer, and runs that place's queue, workshops, appointments and hours (the van's tour for
     * the van's site).
     */
    MEDIATOR;

    /** Whether this role is held to one site (the account's). */
    public boolean siteScoped() {
        return this == VIEWER || this == MANAGER || this == MEDIATOR;
    }

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<Role> fromWire(String text) {
        return Arrays.stream(values()).filter(role -> role.wire().equals(text)).findFirst();
    }
}
