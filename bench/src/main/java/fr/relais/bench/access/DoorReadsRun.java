package fr.relais.bench.access;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.Mock;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import fr.relais.agent.access.DoorRig;
import fr.relais.agent.access.HeldList;
import fr.relais.bench.Percentiles;
import fr.relais.bench.access.BenchBadges.Card;
import fr.relais.bench.access.BenchBadges.ListState;
import fr.relais.protocol.access.AccessReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * The door half of {@code ./relais bench access}, run in a JVM started with the Pi's options:
 * six doors on Pi4J's mock platform, each a real {@code gpio-door} with its real {@code wiegand}
 * reader, four deciding with a fresh list, one with a list eight days old, one with none. Each
 * read pulses a card's 26 bits on the reader's D0/D1 pins; its latency runs from the end of the
 * frame (the last bit plus the reader's end-of-frame silence, which no reader can shorten) to the
 * decision, the relay pin checked for every grant. Each door first reads {@link #WARM_UP_READS_PER_DOOR}
 * cards untimed (the JIT's warm-up; a node runs for days), their decisions checked all the same.
 * Prints one line:
 * {@code door-reads: reads=… p50_ms=… p99_ms=… max_ms=… wrong_decisions=… relay_misses=… reasons=…}.
 */
public final class DoorReadsRun {
    static final int DOORS = 10;
    static final int WARM_UP_READS_PER_DOOR = 300;
    /**
     * A reader's silence that ends a frame. Readers leave 25 ms or more between frames; 20 ms
     * keeps a frame whole when the JVM driving the mock pins is descheduled in the middle of one.
     */
    static final long FRAME_TIMEOUT_MILLIS = 20;

    private DoorReadsRun() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(run(Integer.parseInt(args[0]), Integer.parseInt(args[1])));
        System.out.flush();
        // Pi4J's and the devices' threads must not keep the JVM once the line is out.
        System.exit(0);
    }

    /** Runs the doors and returns the summary line. */
    static String run(int badges, int reads) throws Exception {
        Instant now = Instant.now();
        BenchBadges population = new BenchBadges(badges, now);
        HeldList fresh = HeldList.of(population.fresh(), now);
        HeldList aged = HeldList.of(population.aged(), population.aged().issuedAt());
        List<Door> doors = new ArrayList<>();
        try {
            for (int d = 0; d < DOORS; d++) {
                ListState state = d < 8 ? ListState.FRESH : d == 8 ? ListState.AGED : ListState.NONE;
                Optional<HeldList> held = switch (state) {
                    case FRESH -> Optional.of(fresh);
                    case AGED -> Optional.of(aged);
                    case NONE -> Optional.empty();
                };
                // One Pi4J context per door: each door is a node of its own, with the same device ids.
                Context pi4j = Pi4J.newContextBuilder().add(new MockPlatform())
                        .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance()).build();
                doors.add(Door.open(pi4j, d, state, held));
            }
            // Reads go to the fresh doors four times in five, then the aged, then the one with none.
            int[] share = new int[DOORS];
            for (int r = 0; r < reads; r++) {
                int pick = r % 25;
                share[pick < 20 ? pick % 8 : pick < 23 ? 8 : 9]++;
            }
            TimerReference reference = TimerReference.start(FRAME_TIMEOUT_MILLIS);
            ExecutorService workers = Executors.newFixedThreadPool(DOORS, runnable -> {
                Thread thread = new Thread(runnable, "door-reads");
                thread.setDaemon(true);
                return thread;
            });
            List<Future<Door.Result>> results = new ArrayList<>();
            for (int d = 0; d < DOORS; d++) {
                Door door = doors.get(d);
                int count = share[d];
                long seed = 1000L + d;
                results.add(workers.submit(() -> {
                    // Warm-up, as a node that has run for days is: its decisions are checked, not timed.
                    Door.Result warm = door.run(population.cards(), WARM_UP_READS_PER_DOOR, new Random(-seed));
                    Door.Result timed = door.run(population.cards(), count, new Random(seed));
                    return timed.plusWrongOf(warm);
                }));
            }
            long[] latencies = new long[reads];
            int filled = 0;
            long wrong = 0;
            long relayMisses = 0;
            long framesLost = 0;
            java.util.Map<AccessReason, Long> reasons = new java.util.EnumMap<>(AccessReason.class);
            List<String> examples = new ArrayList<>();
            for (Future<Door.Result> future : results) {
                Door.Result result = future.get();
                System.arraycopy(result.latencies(), 0, latencies, filled, result.latencies().length);
                filled += result.latencies().length;
                wrong += result.wrong();
                relayMisses += result.relayMisses();
                framesLost += result.framesLost();
                result.reasons().forEach((reason, n) -> reasons.merge(reason, n, Long::sum));
                examples.addAll(result.examples());
            }
            workers.shutdown();
            long[] lateness = reference.stop();
            examples.stream().limit(5).forEach(example -> System.err.println("wrong: " + example));
            long[] measured = java.util.Arrays.copyOf(latencies, filled);
            StringBuilder seen = new StringBuilder();
            reasons.forEach((reason, n) -> seen.append(seen.length() == 0 ? "" : ",").append(reason.wire()).append(':')
                    .append(n));
            return String.format(Locale.ROOT, "door-reads: reads=%d p50_ms=%.3f p99_ms=%.3f max_ms=%.3f wrong_decisions=%d"
                            + " relay_misses=%d frame_timeout_ms=%d frames_lost=%d timer_p50_ms=%.3f timer_p99_ms=%.3f reasons=%s",
                    filled, Percentiles.of(measured, 50) / 1e6,
                    Percentiles.of(measured, 99) / 1e6, Percentiles.of(measured, 100) / 1e6, wrong, relayMisses, FRAME_TIMEOUT_MILLIS, framesLost,
                    Percentiles.of(lateness, 50) / 1e6, Percentiles.of(lateness, 99) / 1e6, seen);
        } finally {
            doors.forEach(Door::close);
        }
    }

    /** One door, its reader and its list; reads one card at a time, as a real reader does. */
    private static final class Door implements AutoCloseable {
        record Result(long[] latencies, long wrong, long relayMisses, long framesLost,
                      java.util.Map<AccessReason, Long> reasons, List<String> examples) {
            Result plusWrongOf(Result warmUp) {
                List<String> all = new ArrayList<>(warmUp.examples());
                all.addAll(examples);
                return new Result(latencies, wrong + warmUp.wrong(), relayMisses + warmUp.relayMisses(),
                        framesLost + warmUp.framesLost(), reasons, all);
            }
        }

        private final DoorRig rig;
        private final DoorRig.Pins pins;
        private final ListState state;
        private final Context pi4j;
        private final SynchronousQueue<Decision> decisions;
        private final java.util.Map<Integer, MockDigitalInput> inputs = new java.util.HashMap<>();

        private record Decision(long nanos, String reason, boolean granted, boolean relayHigh) {
        }

        private Door(DoorRig rig, DoorRig.Pins pins, ListState state, Context pi4j, SynchronousQueue<Decision> decisions) {
            this.rig = rig;
            this.pins = pins;
            this.state = state;
            this.pi4j = pi4j;
            this.decisions = decisions;
        }

        static Door open(Context pi4j, int index, ListState state, Optional<HeldList> held) throws InterruptedException {
            DoorRig.Pins pins = DoorRig.Pins.DEFAULT;
            SynchronousQueue<Decision> decisions = new SynchronousQueue<>();
            DoorRig[] rig = new DoorRig[1];
            DigitalOutput[] relay = new DigitalOutput[1];
            rig[0] = DoorRig.start(pi4j, Mock.DIGITAL_INPUT_PROVIDER_ID, Mock.DIGITAL_OUTPUT_PROVIDER_ID, pins,
                    FRAME_TIMEOUT_MILLIS, () -> held, (device, event) -> {
                        long at = System.nanoTime();
                        if (device.isEmpty() || !event.type().startsWith("access-")) {
                            return;
                        }
                        boolean relayHigh = relay[0] != null && relay[0].isHigh();
                        try {
                            decisions.offer(new Decision(at, String.valueOf(event.data().get("reason")),
                                    event.type().equals("access-granted"), relayHigh), 10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!rig[0].ready()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("door " + index + " did not open its pins in 30 s");
                }
                Thread.sleep(10);
            }
            relay[0] = relay(pi4j, pins);
            Door door = new Door(rig[0], pins, state, pi4j, decisions);
            door.set(pins.d0(), true);
            door.set(pins.d1(), true);
            door.set(pins.contact(), false);
            return door;
        }

        Result run(List<Card> cards, int count, Random random) throws InterruptedException {
            long[] latencies = new long[count];
            long wrong = 0;
            long relayMisses = 0;
            java.util.Map<AccessReason, Long> reasons = new java.util.EnumMap<>(AccessReason.class);
            List<String> examples = new ArrayList<>();
            long framesLost = 0;
            for (int r = 0; r < count; r++) {
                Card card = cards.get(random.nextInt(cards.size()));
                boolean[] bits = DoorRig.wiegand26(card.facility(), card.card());
                for (boolean one : bits) {
                    int line = one ? pins.d1() : pins.d0();
                    set(line, false);
                    set(line, true);
                }
                long frameEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FRAME_TIMEOUT_MILLIS);
                Decision decision = decisions.poll(2, TimeUnit.SECONDS);
                if (decision == null) {
                    // The frame never made a card: cut in two by a pause of the JVM pulsing the pins
                    // (the reader refuses both halves, as it must). Counted, and the card read again.
                    if (++framesLost > count / 10 + 10) {
                        throw new IllegalStateException(framesLost + " frames lost at a " + state + " door");
                    }
                    r--;
                    continue;
                }
                latencies[r] = Math.max(0, decision.nanos() - frameEnd);
                AccessReason expected = BenchBadges.expected(card.kind(), state);
                reasons.merge(expected, 1L, Long::sum);
                if (!expected.wire().equals(decision.reason()) || expected.granted() != decision.granted()) {
                    wrong++;
                    if (examples.size() < 5) {
                        examples.add(card + " at a " + state + " door: expected " + expected.wire() + ", got "
                                + decision.reason());
                    }
                } else if (decision.granted() && !decision.relayHigh()) {
                    relayMisses++;
                }
            }
            return new Result(latencies, wrong, relayMisses, framesLost, reasons, examples);
        }

        private static DigitalOutput relay(Context pi4j, DoorRig.Pins pins) {
            return pi4j.registry().all().values().stream().filter(DigitalOutput.class::isInstance)
                    .map(DigitalOutput.class::cast).filter(output -> output.address().intValue() == pins.relay())
                    .findFirst().orElseThrow();
        }

        private void set(int bcm, boolean high) {
            inputs.computeIfAbsent(bcm, pin -> input(pi4j, pin)).mockState(high ? DigitalState.HIGH : DigitalState.LOW);
        }

        private static MockDigitalInput input(Context pi4j, int bcm) {
            return pi4j.registry().all().values().stream().filter(MockDigitalInput.class::isInstance)
                    .map(MockDigitalInput.class::cast).filter(input -> input.address().intValue() == bcm).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no mock input on BCM " + bcm));
        }

        @Override
        public void close() {
            rig.close();
            pi4j.shutdown();
        }
    }
}
