package fr.relais.agent.device.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.agent.command.Outcome;
import fr.relais.agent.device.Device;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.DeviceSink;
import fr.relais.agent.device.Reading;
import fr.relais.protocol.Health;
import fr.relais.protocol.ReplyStatus;
import fr.relais.protocol.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GpioDoorTest {
    private static final int RELAY = 27;
    private static final int CONTACT = 17;
    private static final int EXIT = 22;
    private static final int LED = 23;
    private static final int BUZZER = 24;

    private final MockGpio gpio = new MockGpio();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T08:00:00Z"));
    private final TestContext context = new TestContext(clock, gpio.board());
    private final CapturingSink sink = new CapturingSink();
    private Device door;

    @AfterEach
    void closeEverything() {
        if (door != null) {
            door.close();
        }
        context.close();
        gpio.close();
    }

    private GpioDoor open(String extraSettings) throws Exception {
        door = new GpioDoorDriver().create(Settings.device("porte-cowork", new GpioDoorDriver(),
                "relay: " + RELAY + "\ncontact: " + CONTACT + "\nexitButton: " + EXIT + "\nled: " + LED
                        + "\nbuzzer: " + BUZZER + "\npulseMillis: 300\ndebounceMillis: 0\n" + extraSettings), context);
        door.open(sink);
        // The wiring as at rest: door closed (contact to ground), exit button released (pulled up).
        gpio.set(CONTACT, false);
        gpio.set(EXIT, true);
        return (GpioDoor) door;
    }

    private void doorOpens() {
        gpio.set(CONTACT, true);
    }

    private void doorCloses() {
        gpio.set(CONTACT, false);
    }

    @Test
    void aGrantReleasesTheStrikeForItsPulseAndTheDoorOpensWithoutAlarm() throws Exception {
        GpioDoor door = open("");
        assertThat(gpio.high(RELAY)).as("strike locked at rest").isFalse();

        assertThat(door.grant()).isTrue();
        assertThat(gpio.high(RELAY)).as("strike released").isTrue();
        clock.advance(Duration.ofSeconds(2));
        doorOpens();
        await().until(() -> !gpio.high(RELAY));
        doorCloses();

        assertThat(sink.types()).containsExactly(DoorWatch.OPENED, DoorWatch.CLOSED);
        assertThat(sink.last(DoorWatch.OPENED).data()).containsEntry("allowed", true).containsEntry("by", "grant");
        assertThat(sink.last(DoorWatch.CLOSED).data()).containsEntry("openSeconds", 0L);
        assertThat(door.read(clock.instant()).metrics()).containsEntry("grants", 1L).containsEntry("openings", 1L)
                .containsEntry("forcedCount", 0L).containsEntry("strikeActive", false).containsEntry("open", false);
    }

    @Test
    void anOpeningWithoutARequestIsForcedAndCriticalUntilTheDoorCloses() throws Exception {
        GpioDoor door = open("");
        doorOpens();

        assertThat(sink.types()).containsExactly(DoorWatch.OPENED, DoorWatch.FORCED);
        DeviceEvent forced = sink.last(DoorWatch.FORCED);
        assertThat(forced.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(forced.message()).startsWith("Porte forcée");
        assertThat(door.read(clock.instant()).health()).isEqualTo(Health.CRITICAL);
        assertThat(door.read(clock.instant()).metrics()).containsEntry("forcedOpen", true).containsEntry("forcedCount", 1L);

        doorCloses();
        assertThat(sink.last(DoorWatch.CLOSED).data()).containsEntry("wasForced", true);
        assertThat(door.read(clock.instant()).health()).as("over once closed; the event stays").isEqualTo(Health.OK);
        assertThat(door.read(clock.instant()).metrics()).containsEntry("forcedCount", 1L);
    }

    @Test
    void aGrantCoversOneOpeningWithinItsWindowOnly() throws Exception {
        GpioDoor door = open("forcedWindowSeconds: 10");
        door.grant();
        clock.advance(Duration.ofSeconds(11));
        doorOpens();
        assertThat(sink.types()).as("a grant 11 s old").contains(DoorWatch.FORCED);
        doorCloses();
        sink.events.clear();

        door.grant();
        doorOpens();
        doorCloses();
        doorOpens();
        assertThat(sink.types()).as("the second opening on one grant")
                .containsExactly(DoorWatch.OPENED, DoorWatch.CLOSED, DoorWatch.OPENED, DoorWatch.FORCED);
    }

    @Test
    void theExitButtonReleasesTheStrikeAndCoversTheOpening() throws Exception {
        GpioDoor door = open("");
        gpio.set(EXIT, false);
        assertThat(gpio.high(RELAY)).isTrue();
        gpio.set(EXIT, true);
        doorOpens();

        assertThat(sink.types()).containsExactly(DoorWatch.OPENED);
        assertThat(sink.last(DoorWatch.OPENED).data()).containsEntry("by", "exit-button");
        assertThat(door.read(clock.instant()).metrics()).containsEntry("exitRequests", 1L).containsEntry("grants", 0L);
    }

    @Test
    void aDoorHeldOpenWarnsOnceThenClearsWhenItCloses() throws Exception {
        GpioDoor door = open("heldOpenSeconds: 60");
        door.grant();
        doorOpens();
        clock.advance(Duration.ofSeconds(59));
        assertThat(door.read(clock.instant()).health()).isEqualTo(Health.OK);

        clock.advance(Duration.ofSeconds(2));
        await().until(() -> sink.types().contains(DoorWatch.HELD_OPEN));
        assertThat(door.read(clock.instant()).health()).isEqualTo(Health.WARNING);
        assertThat(door.read(clock.instant()).metrics()).containsEntry("heldOpen", true).containsEntry("openSeconds", 61L);
        assertThat(sink.last(DoorWatch.HELD_OPEN).severity()).isEqualTo(Severity.WARNING);

        clock.advance(Duration.ofSeconds(30));
        doorCloses();
        assertThat(sink.types()).containsExactly(DoorWatch.OPENED, DoorWatch.HELD_OPEN,
                DoorWatch.HELD_OPEN_CLEARED, DoorWatch.CLOSED);
        assertThat(sink.last(DoorWatch.HELD_OPEN_CLEARED).data()).containsEntry("openSeconds", 91L);
        assertThat(door.read(clock.instant()).health()).isEqualTo(Health.OK);
    }

    @Test
    void aBouncingContactMakesOneOpeningAndOneClosing() throws Exception {
        door = new GpioDoorDriver().create(Settings.device("porte-cowork", new GpioDoorDriver(),
                "relay: " + RELAY + "\ncontact: " + CONTACT + "\ndebounceMillis: 300"), context);
        door.open(sink);
        gpio.set(CONTACT, false);
        sink.events.clear();

        for (int i = 0; i < 5; i++) {
            gpio.set(CONTACT, true);
            gpio.set(CONTACT, false);
        }
        gpio.set(CONTACT, true);
        await().until(() -> sink.types().contains(DoorWatch.OPENED));
        gpio.set(CONTACT, false);
        gpio.set(CONTACT, true);
        gpio.set(CONTACT, false);
        await().until(() -> sink.types().contains(DoorWatch.CLOSED));

        assertThat(sink.types()).containsExactly(DoorWatch.OPENED, DoorWatch.FORCED, DoorWatch.CLOSED);
    }

    @Test
    void openDoorIsAGrantWithAnOptionalPulseAndRefusesBadArguments() throws Exception {
        GpioDoor door = open("");
        var action = door.actions().get(GpioDoor.OPEN_DOOR);

        assertThat(action.run(Map.of("device", "porte-cowork", "pulseMillis", 5L)).status()).isEqualTo(ReplyStatus.REJECTED);
        assertThat(action.run(Map.of("device", "porte-cowork", "pulseMillis", "long")).reason())
                .contains("args.pulseMillis must be a whole number from 100 to 10000");
        assertThat(action.run(Map.of("device", "porte-cowork", "pulseMillis", 1.5)).status()).isEqualTo(ReplyStatus.REJECTED);
        assertThat(action.run(Map.of("device", "porte-cowork", "force", true)).reason()).contains("does not take [force]");
        assertThat(gpio.high(RELAY)).as("nothing released by a refused command").isFalse();

        Outcome ok = action.run(Map.of("device", "porte-cowork", "pulseMillis", 150L));
        assertThat(ok.status()).isEqualTo(ReplyStatus.OK);
        assertThat(ok.result()).containsEntry("pulseMillis", 150L);
        assertThat(gpio.high(RELAY)).isTrue();
        doorOpens();
        assertThat(sink.types()).containsExactly(DoorWatch.OPENED);
        await().until(() -> !gpio.high(RELAY));
    }

    @Test
    void anActiveLowRelayIdlesHighAndClosingTheDeviceLocksTheStrikeAndFreesEveryPin() throws Exception {
        door = new GpioDoorDriver().create(Settings.device("porte-cowork", new GpioDoorDriver(),
                "relay: {pin: " + RELAY + ", activeLow: true}\ncontact: " + CONTACT + "\npulseMillis: 30000\n"
                        + "forcedWindowSeconds: 30"), context);
        door.open(sink);
        assertThat(gpio.high(RELAY)).as("active low: high is locked").isTrue();
        ((GpioDoor) door).grant();
        assertThat(gpio.high(RELAY)).isFalse();
        List<Boolean> relay = gpio.record(RELAY);

        door.close();
        assertThat(relay).as("locked again at close, before the pin is released").containsExactly(true);
        assertThat(gpio.held(RELAY)).isFalse();
        assertThat(gpio.held(CONTACT)).isFalse();
        assertThat(((GpioDoor) door).grant()).as("no strike once closed").isFalse();
        door = null;
    }

    @Test
    void theSignalCommandPlaysAPatternOnTheLedAndBuzzer() throws Exception {
        GpioDoor door = open("");
        List<Boolean> led = gpio.record(LED);
        List<Boolean> buzzer = gpio.record(BUZZER);
        var signal = door.actions().get(SignalAction.NAME);

        assertThat(signal.run(Map.of("device", "porte-cowork", "pattern", "party")).reason())
                .contains("must be one of: granted, denied, offline, idle");
        assertThat(signal.run(Map.of("device", "porte-cowork", "pattern", "denied")).status()).isEqualTo(ReplyStatus.OK);

        await().until(() -> led.size() >= 6 && buzzer.size() >= 2 && !gpio.high(LED) && !gpio.high(BUZZER));
        assertThat(led).containsExactly(true, false, true, false, true, false);
        assertThat(buzzer).containsExactly(true, false);
    }

    /**
     * The outbox falling behind blocks a push, here on the shared timer thread (the contact's
     * settling): the strike must still relock after its pulse and a grant still return at once.
     */
    @Test
    void aBlockedPushNeitherKeepsTheStrikeReleasedNorHoldsAGrant() throws Exception {
        CountDownLatch pushing = new CountDownLatch(1);
        CountDownLatch outboxBack = new CountDownLatch(1);
        DeviceSink stuck = new DeviceSink() {
            @Override
            public void event(DeviceEvent event) {
                block();
            }

            @Override
            public void reading(Reading reading) {
                block();
            }

            private void block() {
                pushing.countDown();
                try {
                    outboxBack.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        door = new GpioDoorDriver().create(Settings.device("porte-cowork", new GpioDoorDriver(),
                "relay: " + RELAY + "\ncontact: " + CONTACT + "\npulseMillis: 300\ndebounceMillis: 20\n"), context);
        door.open(stuck);
        gpio.set(CONTACT, false);
        GpioDoor strike = (GpioDoor) door;
        try {
            doorOpens();
            await().atMost(Duration.ofSeconds(15)).until(() -> pushing.getCount() == 0);

            assertThat(granted(strike)).isTrue();
            await().atMost(Duration.ofSeconds(15)).until(() -> !gpio.high(RELAY));
            assertThat(granted(strike)).as("a second grant returns").isTrue();
            await().atMost(Duration.ofSeconds(15)).until(() -> !gpio.high(RELAY));
            assertThat(outboxBack.getCount()).as("the push was still blocked all along").isEqualTo(1);
        } finally {
            outboxBack.countDown();
        }
    }

    /** A grant on another thread, so that a grant blocked for good fails the test instead of hanging it. */
    private static boolean granted(GpioDoor door) {
        CompletableFuture<Boolean> grant = CompletableFuture.supplyAsync(door::grant);
        await().atMost(Duration.ofSeconds(15)).until(grant::isDone);
        return grant.join();
    }
}
