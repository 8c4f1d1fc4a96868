package fr.relais.hub.access;

import fr.relais.protocol.access.AccessWindow;
import fr.relais.protocol.access.BadgeGrant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The coworking data of one site, as the test sets it (hub-cowork's store stands here). */
final class FakeCoworking implements CoworkingGrants {
    private final String site;
    private volatile SiteGrants data = new SiteGrants(List.of(), List.of(), ZoneId.of("Europe/Paris"));

    FakeCoworking(String site) {
        this.site = site;
    }

    void set(List<BadgeGrant> grants, List<String> revoked) {
        data = new SiteGrants(grants, revoked, ZoneId.of("Europe/Paris"));
    }

    @Override
    public SiteGrants grants(String asked, Instant now) {
        return site.equals(asked) ? data : new SiteGrants(List.of(), List.of(), ZoneId.of("UTC"));
    }

    @Override
    public List<String> accessSites() {
        return List.of(site);
    }

    static List<BadgeGrant> members(int count) {
        List<BadgeGrant> grants = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            grants.add(member(i, Set.of("porte-entree")));
        }
        return grants;
    }

    /** Member {@code m-i}, badge {@code badge-i}, weekdays 08:00 to 20:00 until the end of 2026. */
    static BadgeGrant member(int i, Set<String> doors) {
        return new BadgeGrant(hash("badge-" + i), "m-" + i, BadgeGrant.BadgeClass.MEMBER, Optional.empty(),
                Optional.of(LocalDate.of(2026, 12, 31)), false, doors,
                List.of(new AccessWindow(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(8, 0),
                        LocalTime.of(20, 0))), List.of(), Optional.empty());
    }

    static String hash(String badge) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(badge.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
