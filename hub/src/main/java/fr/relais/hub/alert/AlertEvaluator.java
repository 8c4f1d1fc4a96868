package fr.relais.hub.alert;

import fr.relais.hub.notify.Notice;
import fr.relais.hub.notify.Notifier;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.MessageIds;
import fr.relais.protocol.Severity;
import fr.relais.protocol.WireValue;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the rules on the registry's latest values at a fixed period, on a worker thread, and
 * moves the alerts along: opens them once a condition has held for the rule's {@code forSeconds},
 * raises their severity, clears them once the condition has been gone for {@code clearAfterSeconds}.
 * Ingestion never waits for it: it reads what the writer committed, on its own connection.
 */
public final class AlertEvaluator {
    private static final Logger LOG = LoggerFactory.getLogger(AlertEvaluator.class);
    static final String ENDED = "the condition ended";
    static final long WAKE_DEBOUNCE_MILLIS = 200;

    private final AlertStore store;
    private final AlertRules rules;
    private final Notifier notifier;
    private final Clock clock;
    private final Observer observer;
    private final ConditionTracker tracker = new ConditionTracker();
    private final AtomicBoolean evaluating = new AtomicBoolean();
    /** A wake-up is waiting for its debounce, or for the evaluation under way to end. */
    private final AtomicBoolean woken = new AtomicBoolean();
    private volatile AlertListener listener = AlertListener.NONE;
    private volatile Vertx vertx;

    public AlertEvaluator(AlertStore store, AlertRules rules, Notifier notifier, Clock clock, Duration nodeSilence) {
        this(store, rules, notifier, clock, nodeSilence, HubStorage.NONE);
    }

    /** @param storage the hub's own database as its writer sees it, for the {@code hubStorageFailing} rules */
    public AlertEvaluator(AlertStore store, AlertRules rules, Notifier notifier, Clock clock, Duration nodeSilence,
                          HubStorage storage) {
        this.store = store;
        this.rules = rules;
        this.notifier = notifier;
        this.clock = clock;
        this.observer = new Observer(store, nodeSilence, storage);
    }

    /** Who is told of each alert opened, escalated or cleared here (the live channel). */
    public AlertEvaluator listener(AlertListener listener) {
        this.listener = java.util.Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Evaluates every {@code rules.evaluationPeriod()} on a worker thread; returns the timer id. */
    public long start(Vertx vertx) {
        this.vertx = vertx;
        return vertx.setPeriodic(rules.evaluationPeriod().toMillis(), timer -> runOnce());
    }

    /**
     * Something the rules watch has just been stored (a health that changed, an event, a node's
     * state): evaluates 200 ms from now rather than at the next tick, so that an alert opens
     * within a second. Wake-ups within those 200 ms make one evaluation. Any thread; returns at once.
     */
    public void wake() {
        Vertx current = vertx;
        if (current != null && woken.compareAndSet(false, true)) {
            current.setTimer(WAKE_DEBOUNCE_MILLIS, timer -> runOnce());
        }
    }

    private void runOnce() {
        // While the database makes an evaluation wait, the next ticks are skipped, not queued; a
        // wake-up meanwhile stays noted, and evaluates again once this one ends.
        if (!evaluating.compareAndSet(false, true)) {
            return;
        }
        woken.set(false);
        vertx.executeBlocking(() -> {
            evaluate();
            return null;
        }).onComplete(done -> {
            evaluating.set(false);
            if (done.failed()) {
                LOG.error("cannot evaluate the alert rules", done.cause());
            }
            if (woken.get()) {
                woken.set(false);
                wake();
            }
        });
    }

    /** One evaluation. Blocks on the database; runs on one thread at a time. */
    public synchronized void evaluate() {
        long now = clock.millis();
        Map<String, Observation> holding = observer.observe(rules, now);
        Map<String, AlertRows.Alert> active = new HashMap<>();
        for (AlertRows.Alert alert : store.active()) {
            active.put(alert.conditionKey(), alert);
        }
        for (Observation observation : holding.values()) {
            long since = tracker.holding(observation.key(), observation.knownSince(), now);
            AlertRows.Alert alert = active.get(observation.key());
            if (alert != null) {
                escalate(alert, observation);
            } else if (now - since >= observation.rule().hold().toMillis()) {
                open(observation, since, now);
            }
        }
        for (AlertRows.Alert alert : active.values()) {
            if (!holding.containsKey(alert.conditionKey())) {
                ended(alert, tracker.absent(alert.conditionKey(), now), now);
            }
        }
        Set<String> keys = new HashSet<>(holding.keySet());
        keys.addAll(active.keySet());
        tracker.retain(keys);
    }

    private void open(Observation observation, long since, long now) {
        Optional<AlertRows.Alert> latest = store.latest(observation.key());
        if (latest.isPresent() && latest.get().clearedBy() != null && latest.get().clearedAt() != null
                && latest.get().clearedAt() >= since) {
            // Cleared by hand while this very episode went on: it comes back only once it has ended.
            return;
        }
        AlertRule.Flapping flapping = observation.rule().flapping();
        boolean flaps = store.openingsSince(observation.key(), now - flapping.window().toMillis()) + 1
                >= flapping.openings();
        AlertRows.Alert alert = new AlertRows.Alert(MessageIds.next().toString(), observation.key(),
                observation.rule().id(), observation.site(), observation.node(), observation.device(),
                observation.deviceKind(), observation.severity().wire(), "open", flaps, observation.message(), since,
                now, null, null, null, null, null, null);
        if (store.open(alert)) {
            LOG.info("alert {} {}: {}", flaps ? "flapping" : "opened", alert.conditionKey(), alert.message());
            notifier.notify(AlertNotices.notice(flaps ? Notice.Kind.FLAPPING : Notice.Kind.OPENED, alert));
            listener.changed(alert, AlertListener.Change.OPENED);
        }
    }

    private void escalate(AlertRows.Alert alert, Observation observation) {
        Severity current = WireValue.fromWire(Severity.class, alert.severity());
        if (current != null && observation.severity().compareTo(current) > 0
                && store.escalate(alert.id(), observation.severity().wire(), observation.message())) {
            LOG.info("alert {} escalated to {}: {}", alert.conditionKey(), observation.severity().wire(),
                    observation.message());
            AlertRows.Alert escalated = store.find(alert.id()).orElse(alert);
            notifier.notify(AlertNotices.notice(Notice.Kind.ESCALATED, escalated));
            listener.changed(escalated, AlertListener.Change.ESCALATED);
        }
    }

    private void ended(AlertRows.Alert alert, long absentSince, long now) {
        Optional<AlertRule> base = rules.rule(alert.rule());
        if (base.isEmpty()) {
            return; // its rule left the file: a person clears it
        }
        DeviceKind kind = alert.deviceKind() == null ? null : WireValue.fromWire(DeviceKind.class, alert.deviceKind());
        AlertRule rule = rules.effective(base.get(), alert.site(), observer.siteKindOf(alert.site()), kind)
                .orElse(base.get());
        if (!rule.autoClear()) {
            return;
        }
        long holdOff = alert.flapping() ? Math.max(rule.clearAfter().toMillis(), rule.flapping().window().toMillis())
                : rule.clearAfter().toMillis();
        if (now - absentSince >= holdOff && store.clear(alert.id(), now, null, ENDED)) {
            LOG.info("alert {} cleared: {}", alert.conditionKey(), ENDED);
            store.find(alert.id()).ifPresent(cleared -> {
                notifier.notify(AlertNotices.notice(Notice.Kind.CLEARED, cleared));
                listener.changed(cleared, AlertListener.Change.CLEARED);
            });
        }
    }
}
