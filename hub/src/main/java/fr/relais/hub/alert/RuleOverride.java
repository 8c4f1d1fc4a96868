package fr.relais.hub.alert;

import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Severity;
import fr.relais.protocol.SiteKind;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * A change to one rule for some sites, kinds of site or device kinds (all of those given must
 * match; none given matches everything). Overrides apply in the order of the file, the later
 * winning.
 *
 * @param threshold replaces the value of a numeric comparison or the rise of a trend
 */
public record RuleOverride(String rule, Set<String> sites, Set<SiteKind> siteKinds, Set<DeviceKind> kinds,
                           Optional<Boolean> enabled, Optional<Severity> severity, Optional<Duration> hold,
                           Optional<Duration> clearAfter, Optional<Double> threshold) {
    public RuleOverride {
        sites = Set.copyOf(sites);
        siteKinds = Set.copyOf(siteKinds);
        kinds = Set.copyOf(kinds);
    }

    boolean matches(String site, SiteKind siteKind, DeviceKind deviceKind) {
        return (sites.isEmpty() || sites.contains(site))
                && (siteKinds.isEmpty() || siteKinds.contains(siteKind))
                && (kinds.isEmpty() || kinds.contains(deviceKind));
    }
}
