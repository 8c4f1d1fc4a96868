package fr.relais.agent.access;

import com.pi4j.context.Context;
import fr.relais.agent.config.ConfigException;
import fr.relais.agent.config.ConfigLoader;
import fr.relais.agent.config.NodeConfig;
import fr.relais.agent.device.DeviceReports;
import fr.relais.agent.device.DeviceSet;
import fr.relais.agent.device.DriverRegistry;
import fr.relais.agent.device.Reading;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.badge.BadgeHasher;
import fr.relais.agent.device.gpio.GpioBoard;
import fr.relais.protocol.access.AccessKeys;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * One coworking door as a node runs it, on a Pi4J context the caller owns (Pi4J's mock platform
 * in a benchmark or a test): a {@code gpio-door} and its {@code wiegand} reader made from a real
 * agent configuration by the real drivers, the reader linked to the door, and the door controller
 * deciding with the list the caller gives. A frame on the reader's D0/D1 pins goes all the way to
 * the relay pin and to the {@link AccessLog}. No broker, no database.
 *
 * <p>For {@code ./relais bench access}: pulse the bits of {@link #wiegand26} on {@link Pins#d0()}
 * (a 0) and {@link Pins#d1()} (a 1) low then high, and the decision is logged once the reader's
 * frame timeout has passed; the badges of the list are {@link #badgeHash}{@code (}{@link
 * #cardNumber}{@code )}.
 */
public final class DoorRig implements AutoCloseable {
    public static final String DOOR = "porte-cowork";
    public static final String READER = "lecteur-entree";
    public static final String SITE = "rozoy-cowork";
    /** The rig's site key for badge hashes; the list's hashes must be made with it ({@link #badgeHash}). */
    private static final String BADGE_KEY = "bench-only-badge-key-0123456789abcdef";

    /** BCM numbers of the reader's data lines and of the door's relay and contact. */
    public record Pins(int d0, int d1, int relay, int contact) {
        public static final Pins DEFAULT = new Pins(5, 6, 27, 17);
    }

    private final DeviceSet devices;
    private final DoorAccess doors;
    private final ScheduledExecutorService polls;

    private DoorRig(DeviceSet devices, DoorAccess doors, ScheduledExecutorService polls) {
        this.devices = devices;
        this.doors = doors;
        this.polls = polls;
    }

    /**
     * Opens the door and its reader on {@code pi4j} and starts listening to the reader.
     *
     * @param frameTimeoutMillis the reader's end-of-frame silence (5 to 1000 ms; a reader sends a
     *                           bit every 1 to 2 ms)
     * @param lists              the list the door decides with, such as {@code () -> Optional.of(
     *                           HeldList.of(list, Instant.now()))} built once
     * @param log                receives every decision, and the devices' own events (device = their id):
     *                           a frame the reader refused arrives as {@code badge-frame-rejected}, so a
     *                           benchmark never waits for a decision that will not come
     */
    public static DoorRig start(Context pi4j, String inputProvider, String outputProvider, Pins pins,
                                long frameTimeoutMillis, Supplier<Optional<HeldList>> lists, AccessLog log) {
        NodeConfig config;
        try {
            config = new ConfigLoader(Map.of()).parse(yaml(pins, frameTimeoutMillis), Path.of("."));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("the rig's configuration is refused: " + e.getMessage(), e);
        }
        DriverRegistry drivers = DriverRegistry.standard().provide(GpioBoard.class,
                () -> GpioBoard.borrowing(pi4j, inputProvider, outputProvider));
        DeviceSet[] holder = new DeviceSet[1];
        DoorAccess doors = new DoorAccess(config.doorLinks(), id -> holder[0] == null ? Optional.empty()
                : holder[0].device(id), lists, NodeAccess.policy(config.access().orElseThrow()),
                PackDayLedger.empty(), ledger -> { }, log, Clock.systemUTC());
        DeviceSet devices = DeviceSet.create(config.node(), config.site().id(), config.devices(), drivers,
                config.badgeHashKey(), doors.routing(devicesTo(log)), Clock.systemUTC(), () -> false);
        holder[0] = devices;
        ScheduledExecutorService polls = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "door-rig-polls");
            thread.setDaemon(true);
            return thread;
        });
        devices.start(polls);
        return new DoorRig(devices, doors, polls);
    }

    /** The door controller, to decide without pins (the decision alone) or read its counts. */
    public DoorAccess doors() {
        return doors;
    }

    /** Whether both devices hold their lines (they open on their own threads after {@link #start}). */
    public boolean ready() {
        return devices.isOpen(DOOR) && devices.isOpen(READER);
    }

    /** The hash the reader sends for a card number, with the rig's site key. */
    public static String badgeHash(String cardNumber) {
        return new BadgeHasher(BADGE_KEY).hash(cardNumber);
    }

    /** The number a Wiegand 26 card is known by (as the reader hashes it): 10 decimal digits. */
    public static String cardNumber(long facility, long card) {
        return String.format("%010d", (facility << 16) | card);
    }

    /** The 26 bits of a card's frame, first sent first: even parity, 8 bits of facility, 16 of card, odd parity. */
    public static boolean[] wiegand26(long facility, long card) {
        if (facility < 0 || facility > 0xFF || card < 0 || card > 0xFFFF) {
            throw new IllegalArgumentException("Wiegand 26 holds a facility of 8 bits and a card of 16 bits");
        }
        long data = (facility << 16) | card;
        boolean[] bits = new boolean[26];
        for (int i = 0; i < 24; i++) {
            bits[i + 1] = ((data >> (23 - i)) & 1) == 1;
        }
        int firstHalf = 0;
        int secondHalf = 0;
        for (int i = 1; i <= 12; i++) {
            firstHalf += bits[i] ? 1 : 0;
            secondHalf += bits[i + 12] ? 1 : 0;
        }
        bits[0] = firstHalf % 2 == 1;
        bits[25] = secondHalf % 2 == 0;
        return bits;
    }

    private static String yaml(Pins pins, long frameTimeoutMillis) {
        String key = Base64.getEncoder().encodeToString(AccessKeys.generate().getPublic().getEncoded());
        return """
                node: cowork-pi
                site: {id: %s, name: "Coworking de la Praille", kind: coworking}
                broker: {url: "tcp://127.0.0.1:1883"}
                storage: {file: unused.db}
                badges: {hashKey: %s}
                access: {publicKey: "%s"}
                devices:
                  - id: %s
                    kind: door
                    name: Porte du coworking
                    driver: gpio-door
                    pollSeconds: 3600
                    settings: {relay: %d, contact: %d, pulseMillis: 100, debounceMillis: 0}
                  - id: %s
                    kind: badge-reader
                    name: Lecteur de l'entrée
                    driver: wiegand
                    pollSeconds: 3600
                    settings: {d0: %d, d1: %d, frameTimeoutMillis: %d}
                """.formatted(SITE, BADGE_KEY, key, DOOR, pins.relay(), pins.contact(), READER, pins.d0(), pins.d1(),
                frameTimeoutMillis);
    }

    private static DeviceReports devicesTo(AccessLog log) {
        return new DeviceReports() {
            @Override
            public void reading(String deviceId, Reading reading) {
            }

            @Override
            public void event(String deviceId, DeviceEvent event) {
                log.record(Optional.of(deviceId), event);
            }
        };
    }

    /** Closes the devices (their lines go back to the caller's context) and the poll thread. */
    @Override
    public void close() {
        polls.shutdownNow();
        devices.close();
    }
}
