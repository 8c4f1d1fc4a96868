package fr.relais.agent.device.kiosk;

import fr.relais.agent.command.Outcome;
import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.device.Device;
import fr.relais.agent.device.DeviceAction;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.DeviceSink;
import fr.relais.agent.device.Reading;
import fr.relais.protocol.Birth;
import fr.relais.protocol.Health;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk seen from its agent: the systemd unit's state and restarts, the kiosk's heartbeat,
 * and its screen. A kiosk whose unit is active but whose heartbeat stopped is restarted, within a
 * budget; the screen follows the opening hours.
 *
 * <p>Reading runs only the status command (a few milliseconds); restarting and switching the
 * screen run on the watch's own worker thread, one at a time, so a slow {@code systemctl
 * restart} never overruns the device's read timeout. What they did arrives as events through the
 * sink.
 */
final class KioskWatch implements Device {
    private static final Logger LOG = LoggerFactory.getLogger(KioskWatch.class);

    private final Birth.DeviceInfo info;
    private final KioskWatchSettings settings;
    private final Clock clock;
    private final Optional<Heartbeat> heartbeat;
    private final RestartBudget budget;
    private final Optional<ScreenControl> screen;
    private final UnitRuns runs = new UnitRuns();
    private final AtomicBoolean restarting = new AtomicBoolean();
    private volatile DeviceSink sink = DeviceSink.NONE;
    private ExecutorService worker;

    KioskWatch(DeviceConfig config, KioskWatchSettings settings, Clock clock) {
        this.info = new Birth.DeviceInfo(config.id(), config.kind(), config.name(), false);
        this.settings = settings;
        this.clock = clock;
        this.heartbeat = settings.heartbeatFile()
                .map(file -> new Heartbeat(file, settings.heartbeatPeriod(), settings.missedBeforeRestart()));
        this.budget = new RestartBudget(settings.maxRestartsPerHour());
        this.screen = settings.screen().map(screen -> new ScreenControl(config.id(), screen, settings.commandTimeout()));
    }

    @Override
    public Birth.DeviceInfo info() {
        return info;
    }

    @Override
    public void open(DeviceSink events) {
        this.sink = events;
        this.worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kiosk-watch-" + info.id());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public Reading read(Instant now) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        List<DeviceEvent> events = new ArrayList<>();
        screen.ifPresent(control -> control.due(now).ifPresent(change -> submit(() -> control.apply(change, clock.instant())
                .ifPresent(sink::event))));
        ProgramResult result;
        try {
            result = Program.run(settings.statusCommand(), settings.commandTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reading.of(Health.UNKNOWN, Map.of("error", "interrupted while reading the unit's state"));
        }
        Health health = unitHealth(result, metrics, events, now);
        screen.ifPresent(control -> control.addTo(metrics));
        if (health == Health.OK && screen.map(ScreenControl::failing).orElse(false)) {
            health = Health.WARNING;
        }
        return new Reading(health, metrics, events);
    }

    private Health unitHealth(ProgramResult result, Map<String, Object> metrics, List<DeviceEvent> events,
                              Instant now) {
        if (!result.succeeded()) {
            metrics.put("error", ProgramResult.capped("cannot read the state of " + settings.unit() + ": "
                    + result.failure()));
            return Health.UNKNOWN;
        }
        UnitStatus status;
        try {
            status = UnitStatus.parse(result.output());
        } catch (IllegalArgumentException e) {
            metrics.put("error", ProgramResult.capped("cannot understand the state of " + settings.unit() + " printed by "
                    + settings.statusCommand().get(0) + ": " + e.getMessage()));
            return Health.UNKNOWN;
        }
        metrics.put("unitState", status.activeState());
        if (!status.subState().isEmpty()) {
            metrics.put("unitSubState", status.subState());
        }
        status.restarts().ifPresent(count -> metrics.put("unitRestarts", count));
        UnitRuns.Change change = runs.observe(status);
        change.crashes().ifPresent(times -> events.add(KioskEvents.crashed(times, status)));
        Health health = Health.OK;
        if (heartbeat.isPresent()) {
            health = heartbeatHealth(heartbeat.get().check(now, status.active(), change.newRun()), metrics, events, now);
        }
        metrics.put("watchRestartsLastHour", (long) budget.lastHour(now));
        metrics.put("watchGaveUp", budget.gaveUp());
        if (status.loadState().equals("not-found")) {
            metrics.put("error", "the unit " + settings.unit() + " does not exist");
            return Health.CRITICAL;
        }
        if (status.failed() || budget.gaveUp()) {
            return Health.CRITICAL;
        }
        return status.active() ? health : Health.WARNING;
    }

    private Health heartbeatHealth(Heartbeat.Check check, Map<String, Object> metrics, List<DeviceEvent> events,
                                   Instant now) {
        check.ageSeconds().ifPresent(age -> metrics.put("heartbeatAgeSeconds", age));
        metrics.put("missedHeartbeats", (long) check.missed());
        if (!check.touch().problem().isEmpty()) {
            metrics.put("heartbeatError", ProgramResult.capped(check.touch().problem()));
        }
        if (check.alive() && budget.gaveUp()) {
            budget.recovered();
            events.add(KioskEvents.recovered());
            LOG.info("{}: the kiosk is alive again, restarts are allowed again", info.id());
        }
        if (check.restartDue() && !restarting.get()) {
            boolean gaveUpBefore = budget.gaveUp();
            if (budget.take(now)) {
                restarting.set(true);
                LOG.warn("{}: no heartbeat for {} s, restarting the kiosk", info.id(), check.silence().toSeconds());
                submit(() -> restart(check));
            } else if (!gaveUpBefore) {
                LOG.error("{}: the kiosk does not come back after {} restarts in an hour; not restarting it any more"
                        + " until it is alive again", info.id(), settings.maxRestartsPerHour());
                events.add(KioskEvents.notComingBack(settings.maxRestartsPerHour(), check.silence()));
            }
        }
        return check.missed() > 0 || !check.touch().problem().isEmpty() ? Health.WARNING : Health.OK;
    }

    private void restart(Heartbeat.Check check) throws InterruptedException {
        try {
            ProgramResult result = Program.run(settings.restart(), settings.restartTimeout());
            heartbeat.ifPresent(beat -> beat.restarted(clock.instant()));
            if (!result.succeeded()) {
                LOG.warn("{}: restarting the kiosk failed: {}", info.id(), result.failure());
            }
            sink.event(KioskEvents.restarted(check.silence(), check.missed(), result));
        } finally {
            restarting.set(false);
        }
    }

    @Override
    public Map<String, DeviceAction> actions() {
        return screen.isEmpty() ? Map.of() : Map.of("screen", this::screenCommand);
    }

    /** {@code screen} with {@code args.state} on or off: runs on the worker, after anything queued there. */
    private Outcome screenCommand(Map<String, Object> args) throws InterruptedException {
        Object state = args.get("state");
        if (!"on".equals(state) && !"off".equals(state)) {
            return Outcome.rejected("screen needs args.state: on or off");
        }
        boolean on = state.equals("on");
        Future<ProgramResult> run = worker.submit(() -> screen.get().manual(on, clock.instant(), sink::event));
        ProgramResult result;
        try {
            result = run.get();
        } catch (InterruptedException e) {
            run.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            return Outcome.failed("switching the screen " + state + " failed: " + e.getCause());
        }
        return result.succeeded() ? Outcome.ok(result.data())
                : Outcome.failed("switching the screen " + state + " failed: " + result.failure(), result.data());
    }

    /** Work for the worker thread; one that throws is logged, never lost silently. */
    private void submit(Task task) {
        worker.execute(() -> {
            try {
                task.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.warn("{}: kiosk watch task failed", info.id(), e);
            }
        });
    }

    @FunctionalInterface
    private interface Task {
        void run() throws InterruptedException;
    }

    @Override
    public void close() {
        if (worker == null) {
            return;
        }
        // A restart or a screen command in progress is killed by the interruption.
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
