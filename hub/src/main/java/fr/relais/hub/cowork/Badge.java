package fr.relais.hub.cowork;

import java.time.LocalDate;
import java.util.List;

/** One of a member's badges: its keyed hash (never the number) and the hash's last 4 hex as label. */
record Badge(String id, String site, String memberId, String hash, String label, String badgeClass,
             LocalDate validFrom, LocalDate validUntil, String status, long enrolledAt) {
    static final List<String> CLASSES = List.of("member", "staff", "maintenance");
    static final List<String> STATUSES = List.of("active", "suspended", "revoked");

    static String labelOf(String hash) {
        return hash.substring(hash.length() - 4);
    }
}
