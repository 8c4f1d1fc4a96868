package fr.relais.hub.alert;

import fr.relais.hub.notify.NotificationSettings;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.SiteKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The rule file, read and checked: the rules, their overrides and who is notified. */
public final class AlertRules {
    private record ScopeKey(String rule, String site, SiteKind siteKind, DeviceKind deviceKind) {
    }

    private final Duration evaluationPeriod;
    private final List<AlertRule> rules;
    private final List<RuleOverride> overrides;
    private final NotificationSettings notifications;
    /** A few rules times the sites and kinds of the territory: small, and asked every tick. */
    private final Map<ScopeKey, Optional<AlertRule>> resolved = new ConcurrentHashMap<>();

    public AlertRules(Duration evaluationPeriod, List<AlertRule> rules, List<RuleOverride> overrides,
                      NotificationSettings notifications) {
        this.evaluationPeriod = Objects.requireNonNull(evaluationPeriod);
        this.rules = List.copyOf(rules);
        this.overrides = List.copyOf(overrides);
        this.notifications = Objects.requireNonNull(notifications);
    }

    public Duration evaluationPeriod() {
        return evaluationPeriod;
    }

    public List<AlertRule> rules() {
        return rules;
    }

    public NotificationSettings notifications() {
        return notifications;
    }

    public Optional<AlertRule> rule(String id) {
        return rules.stream().filter(rule -> rule.id().equals(id)).findFirst();
    }

    /**
     * The rule as it applies to a target at {@code site} (of {@code siteKind}, null if unknown)
     * and, for a device, of {@code deviceKind} (null for the node itself); empty if it does not
     * apply there or is disabled there.
     */
    public Optional<AlertRule> effective(AlertRule rule, String site, SiteKind siteKind, DeviceKind deviceKind) {
        return resolved.computeIfAbsent(new ScopeKey(rule.id(), site, siteKind, deviceKind), key -> {
            AlertRule effective = rule;
            for (RuleOverride override : overrides) {
                if (override.rule().equals(rule.id()) && override.matches(site, siteKind, deviceKind)) {
                    effective = effective.with(override);
                }
            }
            return effective.covers(site, siteKind, deviceKind) ? Optional.of(effective) : Optional.empty();
        });
    }
}
