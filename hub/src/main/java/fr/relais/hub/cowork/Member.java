package fr.relais.hub.cowork;

import java.util.List;

/** A person (of an organisation, maybe) who comes to work at a site; never deleted, revoked at most. */
record Member(String id, String site, String name, String organisation, String email, String planId, String status,
              String notes, Integer packDaysLeft, long createdAt) {
    static final List<String> STATUSES = List.of("active", "suspended", "revoked");
}
