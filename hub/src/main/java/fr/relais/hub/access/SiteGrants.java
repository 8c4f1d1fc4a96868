package fr.relais.hub.access;

/** One site's door grants, the hashes its doors must refuse, and the site's time zone. */
public record SiteGrants(java.util.List<fr.relais.protocol.access.BadgeGrant> grants,
                         java.util.List<String> revokedHashes, java.time.ZoneId timeZone) {
}
