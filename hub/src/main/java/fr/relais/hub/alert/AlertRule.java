package fr.relais.hub.alert;

import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Health;
import fr.relais.protocol.Severity;
import fr.relais.protocol.SiteKind;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One rule of the rule file, as it applies to one target once the overrides are folded in.
 *
 * @param severity  the alert's severity; empty means "from the device's health" (warning or critical)
 * @param kinds     the device kinds it applies to; empty means every kind (device rules only)
 * @param sites     the sites it applies to; empty means every site
 * @param siteKinds the kinds of site it applies to; empty means every kind
 * @param hold      how long the condition must hold before an alert opens
 * @param clearAfter how long the condition must be absent before the alert clears itself
 * @param autoClear false for what a person must look at and clear by hand (a forced door)
 */
public record AlertRule(String id, String description, Optional<Severity> severity, Target target,
                        Set<DeviceKind> kinds, Set<String> sites, Set<SiteKind> siteKinds, Condition condition,
                        Duration hold, Duration clearAfter, boolean autoClear, boolean enabled, Flapping flapping) {

    /** Whether the rule watches a device, the node itself, or the hub. */
    public enum Target implements fr.relais.protocol.WireValue {
        DEVICE("device"), NODE("node"),
        /** The hub itself: its storage ({@link Condition.StorageFailing}). */
        HUB("hub");

        private final String wire;

        Target(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }
    }

    /**
     * A condition that opened {@code openings} alerts within {@code window} is flapping: its next
     * alert is flagged so, notified once, and stays open until the condition has been absent for a
     * whole window, instead of opening and clearing again at every bounce.
     */
    public record Flapping(int openings, Duration window) {
    }

    public AlertRule {
        Objects.requireNonNull(id, "id");
        kinds = Set.copyOf(kinds);
        sites = Set.copyOf(sites);
        siteKinds = Set.copyOf(siteKinds);
    }

    /** Whether the rule covers a target at this site and, for a device, of this kind. */
    public boolean covers(String site, SiteKind siteKind, DeviceKind deviceKind) {
        return enabled
                && (sites.isEmpty() || sites.contains(site))
                && (siteKinds.isEmpty() || siteKind == null || siteKinds.contains(siteKind))
                && (kinds.isEmpty() || deviceKind == null || kinds.contains(deviceKind));
    }

    /** The severity of an alert when the device's health is {@code health}. */
    public Severity severityFor(Health health) {
        return severity.orElse(health == Health.CRITICAL ? Severity.CRITICAL : Severity.WARNING);
    }

    AlertRule with(RuleOverride override) {
        Condition changed = condition;
        if (override.threshold().isPresent()) {
            double threshold = override.threshold().get();
            if (condition instanceof Condition.MetricCompare compare) {
                changed = new Condition.MetricCompare(compare.metric(), compare.comparison(), threshold);
            } else if (condition instanceof Condition.MetricRises rises) {
                changed = new Condition.MetricRises(rises.metric(), threshold, rises.within());
            }
        }
        return new AlertRule(id, description, override.severity().isPresent() ? override.severity() : severity,
                target, kinds, sites, siteKinds, changed, override.hold().orElse(hold),
                override.clearAfter().orElse(clearAfter), autoClear, override.enabled().orElse(enabled), flapping);
    }
}
