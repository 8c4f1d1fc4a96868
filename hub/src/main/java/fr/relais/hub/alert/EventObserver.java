package fr.relais.hub.alert;

import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Health;
import fr.relais.protocol.WireValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Event rules: a condition holds while an event of its type arrived within the rule's window and
 * no clearing event followed it in the node's sequence. The sequence, not the clock, orders them:
 * after an outage the agent replays its alarms first, and a Pi's clock may have been wrong.
 */
final class EventObserver {
    private final AlertStore store;
    private final AlertRules rules;
    private final Map<String, AlertRows.NodeRow> nodes;
    private final Map<String, AlertRows.DeviceRow> devices;

    EventObserver(AlertStore store, AlertRules rules, Map<String, AlertRows.NodeRow> nodes,
                  Map<String, AlertRows.DeviceRow> devices) {
        this.store = store;
        this.rules = rules;
        this.nodes = nodes;
        this.devices = devices;
    }

    void observe(Map<String, Observation> holding, long now) {
        for (AlertRule base : rules.rules()) {
            if (!(base.condition() instanceof Condition.EventSeen seen)) {
                continue;
            }
            List<String> types = new ArrayList<>(seen.clearedBy());
            types.add(seen.type());
            Map<String, AlertRows.EventMark> opening = new HashMap<>();
            Map<String, Long> clearing = new HashMap<>();
            for (AlertRows.EventMark mark : store.eventMarks(types, now - seen.within().toMillis())) {
                String target = mark.node() + "/" + (mark.device() == null ? "-" : mark.device());
                if (mark.type().equals(seen.type())) {
                    opening.put(target, mark);
                } else {
                    clearing.merge(target, mark.maxSeq(), Math::max);
                }
            }
            for (Map.Entry<String, AlertRows.EventMark> entry : opening.entrySet()) {
                AlertRows.EventMark mark = entry.getValue();
                Long cleared = clearing.get(entry.getKey());
                if (cleared != null && cleared > mark.maxSeq()) {
                    continue;
                }
                observe(holding, base, mark);
            }
        }
    }

    private void observe(Map<String, Observation> holding, AlertRule base, AlertRows.EventMark mark) {
        boolean onDevice = mark.device() != null;
        // A node rule takes the node's own events; a device rule takes its kinds' events, or with
        // no kinds any event of the type (an agent may report a forced door as its own).
        if (onDevice && base.target() == AlertRule.Target.NODE
                || !onDevice && base.target() == AlertRule.Target.DEVICE && !base.kinds().isEmpty()) {
            return;
        }
        AlertRows.NodeRow node = nodes.get(mark.node());
        if (node == null) {
            return;
        }
        AlertRows.DeviceRow device = onDevice ? devices.get(mark.node() + "/" + mark.device()) : null;
        String site = node.site();
        String kindWire = device == null ? null : device.kind();
        DeviceKind kind = kindWire == null ? null : WireValue.fromWire(DeviceKind.class, kindWire);
        if (onDevice && kind == null && !base.kinds().isEmpty()) {
            return;
        }
        String siteKind = node.siteKind();
        rules.effective(base, site, Observer.siteKind(siteKind), kind).ifPresent(rule -> {
            String key = Observation.key(rule.id(), mark.node(), mark.device());
            String type = ((Condition.EventSeen) rule.condition()).type();
            holding.put(key, new Observation(key, rule, site, mark.node(), mark.device(), kindWire,
                    rule.severityFor(Health.UNKNOWN), rule.description() + " : " + AlertTexts.event(type,
                    mark.lastReceivedAt()), mark.lastReceivedAt()));
        });
    }
}
