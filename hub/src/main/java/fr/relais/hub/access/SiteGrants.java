package fr.relais.hub.access;

public record SiteGrants(java.util.List<fr.relais.protocol.access.BadgeGrant> grants,
                         java.util.List<String> revokedHashes, java.time.ZoneId timeZone) {}
