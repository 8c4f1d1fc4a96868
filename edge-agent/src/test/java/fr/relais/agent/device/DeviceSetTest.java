package fr.relais.agent.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.agent.command.CommandHandler;
import fr.relais.agent.command.Outcome;
import fr.relais.agent.config.DeviceConfig;
import fr.relais.protocol.Birth;
import fr.relais.protocol.Command;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Health;
import fr.relais.protocol.ReplyStatus;
import fr.relais.protocol.Severity;
import fr.relais.protocol.json.StrictObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The device runtime: own threads, read timeouts, open retries, pushed events, actions, release. */
class DeviceSetTest {
    private final Reports reports = new Reports();
    private final ScheduledExecutorService nodeThread = Executors.newSingleThreadScheduledExecutor();
    private DeviceSet set;

    @AfterEach
    void stop() {
        if (set != null) {
            set.close();
        }
        nodeThread.shutdownNow();
    }

    @Test
    void everyDeviceIsFirstPolledAfterTheSameSecondSoThatEqualIntervalsStayInStep() {
        assertThat(DeviceSet.firstPoll(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(1));
        assertThat(DeviceSet.firstPoll(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(1));
        assertThat(DeviceSet.firstPoll(Duration.ofMillis(300))).as("a shorter interval").isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aReadThatHangsIsAbandonedAfterItsTimeoutWhileTheNodeThreadKeepsAnswering() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        start(new TestDevice("slow", now -> {
            try {
                Thread.sleep(3_600_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
                Thread.currentThread().interrupt();
            }
            return Reading.of(Health.OK, Map.of());
        }), Duration.ofSeconds(1));

        await().atMost(Duration.ofSeconds(15)).until(() -> reports.readings("slow").stream()
                .anyMatch(r -> r.health() == Health.UNKNOWN
                        && String.valueOf(r.metrics().get("error")).contains("no answer within 1 s")));
        // The node's thread (whose answer feeds the systemd watchdog) was never held by the device.
        nodeThread.submit(() -> { }).get(5, TimeUnit.SECONDS);
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("the stuck read is interrupted").isTrue();
        assertThat(set.failures()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aDeviceThatCannotOpenIsCriticalWithTheReasonAndIsOpenedWhenItComesBack() {
        AtomicBoolean plugged = new AtomicBoolean(false);
        TestDevice device = new TestDevice("reader", now -> Reading.of(Health.OK, Map.of("connected", true)));
        device.opener = () -> {
            if (!plugged.get()) {
                throw new DeviceException("/dev/ttyUSB0 is absent");
            }
        };
        start(device, Duration.ofSeconds(5));

        await().atMost(Duration.ofSeconds(10)).until(() -> reports.readings("reader").stream()
                .anyMatch(r -> r.health() == Health.CRITICAL
                        && "cannot open: /dev/ttyUSB0 is absent".equals(r.metrics().get("error"))));
        plugged.set(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> reports.readings("reader").stream()
                .anyMatch(r -> r.health() == Health.OK));
        assertThat(device.opens.get()).isEqualTo(1);
    }

    @Test
    void aReadThatThrowsIsReportedUnknownAndTheNextReadHappens() {
        AtomicInteger calls = new AtomicInteger();
        start(new TestDevice("flaky", now -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("garbled answer");
            }
            return Reading.of(Health.OK, Map.of());
        }), Duration.ofSeconds(5));

        await().atMost(Duration.ofSeconds(10)).until(() -> reports.readings("flaky").size() >= 2);
        assertThat(reports.readings("flaky").get(0).health()).isEqualTo(Health.UNKNOWN);
        assertThat(reports.readings("flaky").get(0).metrics()).containsEntry("error", "garbled answer");
        assertThat(reports.readings("flaky").get(1).health()).isEqualTo(Health.OK);
    }

    @Test
    void pushedEventsAndReadingsReachTheReportsUntilTheDeviceIsClosed() {
        TestDevice door = new TestDevice("door", now -> Reading.of(Health.OK, Map.of()));
        start(door, Duration.ofSeconds(5));
        await().until(() -> door.sink != null);

        door.sink.event(new DeviceEvent("door-opened", Severity.INFO, "Porte ouverte", Map.of()));
        door.sink.reading(new Reading(Health.WARNING, Map.of("open", true),
                List.of(new DeviceEvent("door-held-open", Severity.WARNING, "Porte restée ouverte", Map.of()))));
        assertThat(reports.events("door")).extracting(DeviceEvent::type).containsExactly("door-opened", "door-held-open");
        assertThat(reports.readings("door")).anyMatch(r -> Boolean.TRUE.equals(r.metrics().get("open")));

        set.close();
        set = null;
        assertThat(door.closed.get()).as("closing the set releases the device").isTrue();
        door.sink.event(new DeviceEvent("door-closed", Severity.INFO, "Porte fermée", Map.of()));
        assertThat(reports.events("door")).extracting(DeviceEvent::type).doesNotContain("door-closed");
    }

    @Test
    void aDeviceCommandFindsItsDeviceAndRunsOnIt() {
        TestDevice printer = new TestDevice("printer-1", now -> Reading.of(Health.OK, Map.of()));
        printer.actions = Map.of("test-print", args -> Outcome.ok(Map.of("job", 7L, "thread",
                Thread.currentThread().getName())));
        start(printer, Duration.ofSeconds(5));
        await().until(() -> printer.sink != null);
        Map<String, CommandHandler> commands = set.commands(Duration.ofSeconds(5));

        Outcome ok = commands.get("test-print").execute(command("test-print", Map.of("device", "printer-1")));
        assertThat(ok.status()).isEqualTo(ReplyStatus.OK);
        assertThat(ok.result()).containsEntry("thread", "device-printer-1");

        Outcome noDevice = commands.get("test-print").execute(command("test-print", Map.of()));
        assertThat(noDevice.status()).isEqualTo(ReplyStatus.REJECTED);
        assertThat(noDevice.reason()).contains("needs args.device").contains("printer-1");
        Outcome otherDevice = commands.get("test-print").execute(command("test-print", Map.of("device", "door")));
        assertThat(otherDevice.status()).isEqualTo(ReplyStatus.REJECTED);
        assertThat(otherDevice.reason()).contains("no device 'door'");
    }

    @Test
    void anActionThatOverrunsTheCommandTimeoutFailsWithTheReason() {
        TestDevice strike = new TestDevice("door", now -> Reading.of(Health.OK, Map.of()));
        strike.actions = Map.of("open-door", args -> {
            Thread.sleep(3_600_000);
            return Outcome.ok(Map.of());
        });
        start(strike, Duration.ofSeconds(5));
        await().until(() -> strike.sink != null);

        Outcome outcome = set.commands(Duration.ofSeconds(1)).get("open-door")
                .execute(command("open-door", Map.of("device", "door")));
        assertThat(outcome.status()).isEqualTo(ReplyStatus.FAILED);
        assertThat(outcome.reason()).contains("did not finish within 1 s");
    }

    @Test
    void sharedResourcesAreOpenedOnceAndClosedAfterTheDevices() {
        AtomicInteger opened = new AtomicInteger();
        List<String> closings = new CopyOnWriteArrayList<>();
        class Chip implements AutoCloseable {
            @Override
            public void close() {
                closings.add("chip");
            }
        }
        List<TestDevice> devices = new CopyOnWriteArrayList<>();
        DriverFactory factory = factory(config -> {
            TestDevice device = new TestDevice(config.id(), now -> Reading.of(Health.OK, Map.of()));
            device.onClose = () -> closings.add(config.id());
            devices.add(device);
            return device;
        }, (config, context) -> {
            context.shared(Chip.class, () -> {
                opened.incrementAndGet();
                return new Chip();
            });
            context.shared(Chip.class, Chip::new);
        });
        set = DeviceSet.create("node-1", "site-1", List.of(config("a", Duration.ofSeconds(5)),
                config("b", Duration.ofSeconds(5))), DriverRegistry.of(List.of(factory)), Optional.empty(), reports,
                Clock.systemUTC(), () -> false);
        set.start(nodeThread);
        await().until(() -> devices.stream().allMatch(device -> device.sink != null));
        set.close();
        set = null;
        assertThat(opened.get()).isEqualTo(1);
        // The devices close together (a stuck one does not delay the others), the chip after them.
        assertThat(closings).hasSize(3).endsWith("chip");
        assertThat(closings.subList(0, 2)).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void anOpeningThatHangsIsReportedAndTheDeviceIsClosedWhenItFinallyReturnsAfterTheRuntimeStopped()
            throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TestDevice reader = new TestDevice("reader", now -> Reading.of(Health.OK, Map.of()));
        reader.opener = () -> {
            // A USB reader that never answers its open: only a return (or an interrupt) ends it.
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    // ignores interrupts, as a stuck native call would
                }
            }
        };
        start(reader, Duration.ofSeconds(1));

        await().atMost(Duration.ofSeconds(15)).until(() -> reports.readings("reader").stream()
                .anyMatch(r -> r.health() == Health.CRITICAL
                        && "cannot open: no answer within 1 s".equals(r.metrics().get("error"))));
        set.close();
        set = null;
        assertThat(reader.closed.get()).as("not closed while its opening is still running").isFalse();
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).untilTrue(reader.closed);
        assertThat(reader.opens.get()).isEqualTo(1);
    }

    @Test
    void aReadStuckWithoutAnsweringInterruptsIsNeverJoinedByASecondRead() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        start(new TestDevice("stuck", now -> {
            reads.incrementAndGet();
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    // a native read that does not see interrupts
                }
            }
            return Reading.of(Health.OK, Map.of());
        }), Duration.ofSeconds(1));

        await().atMost(Duration.ofSeconds(15)).until(() -> !reports.readings("stuck").isEmpty());
        // Many polls (every 300 ms) have passed meanwhile; none queued another read.
        nodeThread.schedule(() -> { }, 2, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
        assertThat(reads.get()).isEqualTo(1);
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> reads.get() >= 2);
    }

    @Test
    void aReadingTheContractRefusesIsCountedAndSaidNotFatal() {
        AtomicInteger calls = new AtomicInteger();
        Reports strict = new Reports() {
            @Override
            public void reading(String deviceId, Reading reading) {
                if (String.valueOf(reading.metrics().get("reasons")).length() > 1024) {
                    throw new IllegalArgumentException("metric reasons: longer than 1024 characters");
                }
                super.reading(deviceId, reading);
            }
        };
        set = DeviceSet.create("node-1", "site-1", List.of(config("printer", Duration.ofSeconds(5))),
                DriverRegistry.of(List.of(factory(config -> new TestDevice("printer", now -> calls.incrementAndGet() == 1
                        ? Reading.of(Health.WARNING, Map.of("reasons", "x".repeat(2000)))
                        : Reading.of(Health.OK, Map.of())), (config, context) -> { }))),
                Optional.empty(), strict, Clock.systemUTC(), () -> false);
        set.start(nodeThread);

        await().atMost(Duration.ofSeconds(10)).until(() -> !strict.readings("printer").isEmpty());
        assertThat(set.failures()).isEqualTo(1);
        assertThat(strict.readings("printer").get(0).health()).isEqualTo(Health.OK);
    }

    private void start(TestDevice device, Duration readTimeout) {
        set = DeviceSet.create("node-1", "site-1", List.of(config(device.id, readTimeout)),
                DriverRegistry.of(List.of(factory(config -> device, (config, context) -> { }))), Optional.empty(),
                reports, Clock.systemUTC(), () -> false);
        set.start(nodeThread);
    }

    private static DeviceConfig config(String id, Duration readTimeout) {
        return new DeviceConfig(id, DeviceKind.PRINTER, id, "test", Duration.ofMillis(300), readTimeout, Map.of());
    }

    private static Command command(String name, Map<String, Object> args) {
        return new Command(name, UUID.randomUUID(), Instant.now(), Optional.empty(), args);
    }

    interface Creation {
        void with(DeviceConfig config, DriverContext context);
    }

    private static DriverFactory factory(Function<DeviceConfig, Device> make, Creation creation) {
        return new DriverFactory() {
            @Override
            public String driver() {
                return "test";
            }

            @Override
            public Set<DeviceKind> kinds() {
                return Set.of(DeviceKind.PRINTER);
            }

            @Override
            public Object settings(StrictObject device) {
                return Map.of();
            }

            @Override
            public Device create(DeviceConfig config, DriverContext context) {
                creation.with(config, context);
                return make.apply(config);
            }
        };
    }

    interface Opener {
        void open() throws DeviceException;
    }

    private static final class TestDevice implements Device {
        final String id;
        final Function<Instant, Reading> reader;
        final AtomicInteger opens = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();
        volatile Opener opener = () -> { };
        volatile DeviceSink sink;
        volatile Map<String, DeviceAction> actions = Map.of();
        volatile Runnable onClose = () -> { };

        TestDevice(String id, Function<Instant, Reading> reader) {
            this.id = id;
            this.reader = reader;
        }

        @Override
        public Birth.DeviceInfo info() {
            return new Birth.DeviceInfo(id, DeviceKind.PRINTER, id, false);
        }

        @Override
        public void open(DeviceSink sink) throws DeviceException {
            opener.open();
            opens.incrementAndGet();
            this.sink = sink;
        }

        @Override
        public Reading read(Instant now) {
            return reader.apply(now);
        }

        @Override
        public Map<String, DeviceAction> actions() {
            return actions;
        }

        @Override
        public void close() {
            closed.set(true);
            onClose.run();
        }
    }

    private static class Reports implements DeviceReports {
        private final List<Map.Entry<String, Reading>> readings = new CopyOnWriteArrayList<>();
        private final List<Map.Entry<String, DeviceEvent>> events = new CopyOnWriteArrayList<>();

        @Override
        public void reading(String deviceId, Reading reading) {
            readings.add(Map.entry(deviceId, reading));
        }

        @Override
        public void event(String deviceId, DeviceEvent event) {
            events.add(Map.entry(deviceId, event));
        }

        List<Reading> readings(String id) {
            return readings.stream().filter(e -> e.getKey().equals(id)).map(Map.Entry::getValue).toList();
        }

        List<DeviceEvent> events(String id) {
            return events.stream().filter(e -> e.getKey().equals(id)).map(Map.Entry::getValue).toList();
        }
    }
}
