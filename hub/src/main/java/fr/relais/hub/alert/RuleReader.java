package fr.relais.hub.alert;

import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Health;
import fr.relais.protocol.Ids;
import fr.relais.protocol.Metrics;
import fr.relais.protocol.Severity;
import fr.relais.protocol.SiteKind;
import fr.relais.protocol.WireValue;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code rules} and {@code overrides} of a rule file; errors name the rule and the field. */
final class RuleReader {
    /** What a rule that does not say otherwise gets. */
    record Defaults(Duration clearAfter, AlertRule.Flapping flapping) {
        static final Defaults STANDARD = new Defaults(Duration.ofSeconds(60),
                new AlertRule.Flapping(3, Duration.ofHours(1)));
    }

    private static final String FROM_HEALTH = "from-health";
    private static final List<String> CONDITION_FORMS = List.of("nodeOffline", "health", "metric", "event",
            "hubStorageFailing");

    private final Defaults defaults;
    private final String source;
    private final Map<String, String> origins;

    RuleReader(Defaults defaults, String source, Map<String, String> origins) {
        this.defaults = defaults;
        this.source = source;
        this.origins = origins;
    }

    static Defaults defaults(StrictObject object) throws FieldException {
        Duration clearAfter = seconds(object, "clearAfterSeconds", Defaults.STANDARD.clearAfter());
        AlertRule.Flapping flapping = flapping(object, Defaults.STANDARD.flapping());
        object.finish();
        return new Defaults(clearAfter, flapping);
    }

    List<AlertRule> rules(StrictObject root) throws FieldException {
        List<AlertRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (StrictObject object : root.objects("rules", 500)) {
            String id = object.has("id") ? object.text("id") : "?";
            try {
                AlertRule rule = rule(object);
                if (!ids.add(rule.id())) {
                    throw new FieldException(object.field("id"), "another rule has the id '" + rule.id() + "'");
                }
                rules.add(rule);
            } catch (FieldException e) {
                String from = origins.getOrDefault(id, source);
                throw new FieldException("rule '" + id + "'" + (from.equals(source) ? "" : " (from " + from + ")")
                        + ", " + e.field(), e.reason());
            }
        }
        return rules;
    }

    private AlertRule rule(StrictObject object) throws FieldException {
        String id = object.id("id");
        String description = object.optionalText("description").orElse(id);
        StrictObject when = object.object("when");
        Condition condition = condition(when);
        AlertRule.Target target = object.choice("target", AlertRule.Target.class,
                condition instanceof Condition.NodeOffline ? AlertRule.Target.NODE
                        : condition instanceof Condition.StorageFailing ? AlertRule.Target.HUB : AlertRule.Target.DEVICE);
        if ((condition instanceof Condition.StorageFailing) != (target == AlertRule.Target.HUB)) {
            throw new FieldException(object.field("target"), "hubStorageFailing, and only it, watches the hub:"
                    + " its target is hub");
        }
        if (condition instanceof Condition.NodeOffline && target != AlertRule.Target.NODE) {
            throw new FieldException(object.field("target"), "nodeOffline watches a node: the target must be node");
        }
        if (condition instanceof Condition.HealthIn && target != AlertRule.Target.DEVICE) {
            throw new FieldException(object.field("target"), "health is a device's: the target must be device");
        }
        Optional<Severity> severity = severity(object, "severity", condition);
        Set<DeviceKind> kinds = choices(object, "kinds", DeviceKind.class);
        if (!kinds.isEmpty() && target != AlertRule.Target.DEVICE) {
            throw new FieldException(object.field("kinds"), "a rule on the node itself or the hub has no device kinds");
        }
        Set<String> sites = ids(object, "sites");
        Set<SiteKind> siteKinds = choices(object, "siteKinds", SiteKind.class);
        Duration hold = seconds(object, "forSeconds", Duration.ZERO);
        Duration clearAfter = seconds(object, "clearAfterSeconds", defaults.clearAfter());
        boolean autoClear = object.bool("autoClear", true);
        boolean enabled = object.bool("enabled", true);
        AlertRule.Flapping flapping = flapping(object, defaults.flapping());
        object.finish();
        return new AlertRule(id, description, severity, target, kinds, sites, siteKinds, condition, hold, clearAfter,
                autoClear, enabled, flapping);
    }

    private static Condition condition(StrictObject when) throws FieldException {
        List<String> forms = new ArrayList<>();
        for (String form : CONDITION_FORMS) {
            if (when.has(form)) {
                forms.add(form);
            }
        }
        if (forms.size() != 1) {
            throw new FieldException(when.field("_").replaceAll("\\._$", ""),
                    "must say exactly one of " + CONDITION_FORMS + ", got " + forms);
        }
        Condition condition = switch (forms.get(0)) {
            case "nodeOffline" -> {
                if (!when.bool("nodeOffline", true)) {
                    throw new FieldException(when.field("nodeOffline"), "can only be true");
                }
                yield new Condition.NodeOffline();
            }
            case "hubStorageFailing" -> {
                if (!when.bool("hubStorageFailing", true)) {
                    throw new FieldException(when.field("hubStorageFailing"), "can only be true");
                }
                yield new Condition.StorageFailing(seconds(when, "withinSeconds", Duration.ZERO));
            }
            case "health" -> health(when);
            case "metric" -> metric(when);
            default -> event(when);
        };
        when.finish();
        return condition;
    }

    private static Condition health(StrictObject when) throws FieldException {
        Set<Health> health = choices(when, "health", Health.class);
        if (health.isEmpty() || health.contains(Health.OK)) {
            throw new FieldException(when.field("health"), "must list some of warning, critical, unknown");
        }
        return new Condition.HealthIn(health);
    }

    private static Condition metric(StrictObject when) throws FieldException {
        String metric = when.text("metric");
        String problem = Metrics.nameProblem(metric);
        if (problem != null) {
            throw new FieldException(when.field("metric"), problem);
        }
        List<String> given = new ArrayList<>();
        for (Condition.Comparison comparison : Condition.Comparison.values()) {
            if (when.has(comparison.field())) {
                given.add(comparison.field());
            }
        }
        if (when.has("risesBy")) {
            given.add("risesBy");
        }
        if (given.size() != 1) {
            throw new FieldException(when.field("metric"), "needs exactly one of above, atLeast, below, atMost,"
                    + " equals or risesBy, got " + given);
        }
        if (given.get(0).equals("risesBy")) {
            double by = positive(when, "risesBy");
            Duration within = seconds(when, "withinSeconds", null);
            if (within == null) {
                throw new FieldException(when.field("withinSeconds"), "is required with risesBy");
            }
            return new Condition.MetricRises(metric, by, within);
        }
        for (Condition.Comparison comparison : Condition.Comparison.values()) {
            if (comparison.field().equals(given.get(0))) {
                Object value = comparison == Condition.Comparison.EQUALS
                        ? when.optionalScalar("equals").orElseThrow()
                        : when.optionalNumber(comparison.field()).orElseThrow();
                return new Condition.MetricCompare(metric, comparison, value);
            }
        }
        throw new IllegalStateException();
    }

    private static Condition event(StrictObject when) throws FieldException {
        String type = when.id("event");
        List<String> clearedBy = new ArrayList<>();
        if (when.has("clearedBy")) {
            clearedBy.addAll(ids(when, "clearedBy"));
        }
        Duration within = seconds(when, "withinSeconds", Duration.ofHours(1));
        return new Condition.EventSeen(type, clearedBy, within);
    }

    static List<RuleOverride> overrides(List<StrictObject> objects, List<AlertRule> rules) throws FieldException {
        List<RuleOverride> overrides = new ArrayList<>();
        for (StrictObject object : objects) {
            String id = object.id("rule");
            AlertRule rule = rules.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow(() ->
                    new FieldException(object.field("rule"), "no rule has the id '" + id + "'"));
            Set<DeviceKind> kinds = choices(object, "kinds", DeviceKind.class);
            if (!kinds.isEmpty() && rule.target() == AlertRule.Target.NODE) {
                throw new FieldException(object.field("kinds"), "rule '" + id + "' watches nodes, not devices");
            }
            Optional<Double> threshold = object.optionalNumber("threshold");
            if (threshold.isPresent() && !numeric(rule.condition())) {
                throw new FieldException(object.field("threshold"), "rule '" + id
                        + "' has no numeric threshold to change (only above, atLeast, below, atMost and risesBy have)");
            }
            Optional<Boolean> enabled = object.has("enabled") ? Optional.of(object.bool("enabled", true))
                    : Optional.empty();
            overrides.add(new RuleOverride(id, ids(object, "sites"), choices(object, "siteKinds", SiteKind.class),
                    kinds, enabled, severity(object, "severity", rule.condition()),
                    Optional.ofNullable(seconds(object, "forSeconds", null)),
                    Optional.ofNullable(seconds(object, "clearAfterSeconds", null)), threshold));
            object.finish();
        }
        return overrides;
    }

    private static boolean numeric(Condition condition) {
        return condition instanceof Condition.MetricRises || (condition instanceof Condition.MetricCompare compare
                && compare.comparison() != Condition.Comparison.EQUALS);
    }

    private static Optional<Severity> severity(StrictObject object, String name, Condition condition)
            throws FieldException {
        Optional<String> text = object.optionalText(name);
        if (text.isPresent() && text.get().equals(FROM_HEALTH)) {
            if (!(condition instanceof Condition.HealthIn)) {
                throw new FieldException(object.field(name), "from-health is only for health conditions");
            }
            return Optional.empty();
        }
        if (text.isEmpty() && condition instanceof Condition.HealthIn) {
            return Optional.empty();
        }
        Severity severity = text.isEmpty() ? Severity.WARNING : WireValue.fromWire(Severity.class, text.get());
        if (severity == null) {
            throw new FieldException(object.field(name), "'" + text.get() + "' is not one of: "
                    + WireValue.choices(Severity.class) + (condition instanceof Condition.HealthIn ? ", from-health" : ""));
        }
        return Optional.of(severity);
    }

    private static AlertRule.Flapping flapping(StrictObject object, AlertRule.Flapping fallback) throws FieldException {
        Optional<StrictObject> flapping = object.optionalObject("flapping");
        if (flapping.isEmpty()) {
            return fallback;
        }
        int openings = (int) flapping.get().longIn("openings", 2, 1000, fallback.openings());
        Duration window = seconds(flapping.get(), "windowSeconds", fallback.window());
        flapping.get().finish();
        return new AlertRule.Flapping(openings, window);
    }

    private static Duration seconds(StrictObject object, String name, Duration fallback) throws FieldException {
        if (!object.has(name)) {
            return fallback;
        }
        return Duration.ofSeconds(object.longIn(name, 0, AlertRulesLoader.MAX_SECONDS, 0));
    }

    private static double positive(StrictObject object, String name) throws FieldException {
        double value = object.optionalNumber(name).orElseThrow();
        if (value <= 0) {
            throw new FieldException(object.field(name), "must be above 0, got " + Condition.plain(value));
        }
        return value;
    }

    static Set<String> ids(StrictObject object, String name) throws FieldException {
        if (!object.has(name)) {
            return Set.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        List<String> texts = object.texts(name);
        for (int i = 0; i < texts.size(); i++) {
            String problem = Ids.problem(texts.get(i));
            if (problem != null) {
                throw new FieldException(object.field(name) + "[" + i + "]", problem);
            }
            ids.add(texts.get(i));
        }
        return ids;
    }

    private static <E extends Enum<E> & WireValue> Set<E> choices(StrictObject object, String name, Class<E> type)
            throws FieldException {
        if (!object.has(name)) {
            return Set.of();
        }
        Set<E> values = EnumSet.noneOf(type);
        List<String> texts = object.texts(name);
        for (int i = 0; i < texts.size(); i++) {
            E value = WireValue.fromWire(type, texts.get(i));
            if (value == null) {
                throw new FieldException(object.field(name) + "[" + i + "]", "'" + texts.get(i) + "' is not one of: "
                        + WireValue.choices(type));
            }
            values.add(value);
        }
        return values;
    }
}
