package fr.relais.hub.alert;

import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Health;
import fr.relais.protocol.SiteKind;
import fr.relais.protocol.WireValue;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Finds which conditions hold now, from the latest values in the registry and the recent events.
 * Trends (a metric rising) are judged on the values this observer saw at its own ticks, kept in
 * memory for their window: a restarted hub needs a window before it can say a backlog grows.
 */
final class Observer {
    private record Sample(long at, double value) {
    }

    /** The hub's own conditions have no site or node: they are filed under this name for both. */
    static final String HUB = "hub";

    private final AlertStore store;
    private final Duration silence;
    private final HubStorage storage;
    private final Map<String, Deque<Sample>> trends = new HashMap<>();
    private final Map<String, String> siteKinds = new HashMap<>();

    Observer(AlertStore store, Duration silence, HubStorage storage) {
        this.store = store;
        this.silence = silence;
        this.storage = storage;
    }

    Map<String, Observation> observe(AlertRules rules, long now) {
        Map<String, Observation> holding = new LinkedHashMap<>();
        hub(rules, holding, now);
        Set<String> sampled = new HashSet<>();
        Map<String, AlertRows.DeviceRow> devices = new HashMap<>();
        Map<String, AlertRows.NodeRow> nodes = new HashMap<>();
        siteKinds.clear();
        for (AlertRows.NodeRow node : store.nodes()) {
            nodes.put(node.id(), node);
            siteKinds.put(node.site(), node.siteKind());
            JsonObject metrics = metrics(node.metrics());
            for (AlertRule base : rules.rules()) {
                if (base.target() != AlertRule.Target.NODE || base.condition() instanceof Condition.EventSeen) {
                    continue;
                }
                rules.effective(base, node.site(), siteKind(node.siteKind()), null).ifPresent(rule ->
                        check(holding, sampled, rule, node.site(), node.id(), null, null, Health.UNKNOWN, metrics,
                                node, now));
            }
        }
        for (AlertRows.DeviceRow device : store.devices()) {
            devices.put(device.node() + "/" + device.id(), device);
            JsonObject metrics = metrics(device.metrics());
            DeviceKind kind = WireValue.fromWire(DeviceKind.class, device.kind());
            Health health = WireValue.fromWire(Health.class, device.health());
            for (AlertRule base : rules.rules()) {
                if (base.target() != AlertRule.Target.DEVICE || base.condition() instanceof Condition.EventSeen) {
                    continue;
                }
                rules.effective(base, device.site(), siteKind(device.siteKind()), kind).ifPresent(rule ->
                        check(holding, sampled, rule, device.site(), device.node(), device.id(), device.kind(),
                                health, metrics, null, now));
            }
        }
        new EventObserver(store, rules, nodes, devices).observe(holding, now);
        trends.keySet().retainAll(sampled);
        return holding;
    }

    private void check(Map<String, Observation> holding, Set<String> sampled, AlertRule rule, String site, String node,
                       String device, String deviceKind, Health health, JsonObject metrics, AlertRows.NodeRow nodeRow,
                       long now) {
        String key = Observation.key(rule.id(), node, device);
        String detail = null;
        Long since = null;
        Condition condition = rule.condition();
        if (condition instanceof Condition.NodeOffline) {
            if (!"online".equals(nodeRow.state()) && !"unknown".equals(nodeRow.state())) {
                detail = AlertTexts.nodeState(node, nodeRow.state());
                since = nodeRow.lastStateAt();
            } else if (nodeRow.lastHeard() != null && now - nodeRow.lastHeard() > silence.toMillis()) {
                detail = AlertTexts.silent(node, nodeRow.lastHeard());
                since = nodeRow.lastHeard() + silence.toMillis();
            }
        } else if (condition instanceof Condition.HealthIn healthIn) {
            if (healthIn.health().contains(health)) {
                detail = AlertTexts.health(health);
            }
        } else if (condition instanceof Condition.MetricCompare compare) {
            Object actual = metrics.getValue(compare.metric());
            if (actual != null && compare.holds(actual)) {
                detail = compare.describe(actual);
            }
        } else if (condition instanceof Condition.MetricRises rises) {
            detail = rise(key, rises, metrics.getValue(rises.metric()), now);
            sampled.add(key);
        }
        if (detail != null) {
            holding.put(key, new Observation(key, rule, site, node, device, deviceKind, rule.severityFor(health),
                    rule.description() + " : " + detail, since));
        }
    }

    /** The hub's own rules, observed first: they need nothing from the database. */
    private void hub(AlertRules rules, Map<String, Observation> holding, long now) {
        HubStorage.Outage outage = storage.lastOutage();
        if (outage == null) {
            return;
        }
        for (AlertRule rule : rules.rules()) {
            if (rule.enabled() && rule.condition() instanceof Condition.StorageFailing failing
                    && (outage.endedAt() == null || now - outage.endedAt() <= failing.within().toMillis())) {
                String key = Observation.key(rule.id(), HUB, null);
                holding.put(key, new Observation(key, rule, HUB, HUB, null, null, rule.severityFor(Health.CRITICAL),
                        rule.description() + " : " + AlertTexts.storage(outage.since(), outage.endedAt(), outage.error()),
                        outage.since()));
            }
        }
    }

    private String rise(String key, Condition.MetricRises rises, Object actual, long now) {
        if (!(actual instanceof Number number)) {
            return null;
        }
        Deque<Sample> samples = trends.computeIfAbsent(key, k -> new ArrayDeque<>());
        samples.addLast(new Sample(now, number.doubleValue()));
        while (samples.size() > 1 && samples.peekFirst().at() < now - rises.within().toMillis()) {
            samples.removeFirst();
        }
        Sample lowest = samples.stream().min((a, b) -> Double.compare(a.value(), b.value())).orElseThrow();
        double rise = number.doubleValue() - lowest.value();
        if (rise < rises.by()) {
            return null;
        }
        return AlertTexts.rise(rises.metric(), Condition.plain(rise), actual, rises.within().toSeconds(),
                Condition.plain(rises.by()));
    }

    /** The kind of each site, as of the last observation. */
    SiteKind siteKindOf(String site) {
        return siteKind(siteKinds.get(site));
    }

    static SiteKind siteKind(String wire) {
        return wire == null ? null : WireValue.fromWire(SiteKind.class, wire);
    }

    private static JsonObject metrics(String text) {
        if (text == null) {
            return new JsonObject();
        }
        try {
            return new JsonObject(text);
        } catch (DecodeException e) {
            return new JsonObject();
        }
    }
}
