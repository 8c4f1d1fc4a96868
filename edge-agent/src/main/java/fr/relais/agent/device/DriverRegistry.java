package fr.relais.agent.device;

import fr.relais.agent.device.badge.EvdevDriver;
import fr.relais.agent.device.badge.SerialBadgeDriver;
import fr.relais.agent.device.probe.ProbeDriver;
import fr.relais.agent.device.printer.IppDriver;
import fr.relais.agent.device.scanner.EsclDriver;
import fr.relais.agent.device.gpio.GpioDoorDriver;
import fr.relais.agent.device.gpio.GpioPresenceDriver;
import fr.relais.agent.device.gpio.PeopleCounterDriver;
import fr.relais.agent.device.gpio.WiegandDriver;
import fr.relais.agent.device.kiosk.KioskWatchDriver;
import fr.relais.agent.device.simulated.SimulatedDriver;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The drivers this agent knows, by the {@code driver:} name of the configuration. To add a
 * driver: write its {@link DriverFactory} in its family's package and list it in
 * {@link #standard()} (edge-agent/README.md, "Adding a driver").
 */
public final class DriverRegistry {
    private final Map<String, DriverFactory> factories;
    private final Map<Class<?>, Supplier<?>> provided;

    private DriverRegistry(Map<String, DriverFactory> factories, Map<Class<?>, Supplier<?>> provided) {
        this.factories = factories;
        this.provided = provided;
    }

    /** Every driver of this version of the agent. */
    public static DriverRegistry standard() {
        return of(List.of(
                new SimulatedDriver(),
                new EvdevDriver(),
                new SerialBadgeDriver(),
                new ProbeDriver(),
                new IppDriver(),
                new EsclDriver(),
                new GpioDoorDriver(),
                new GpioPresenceDriver(),
                new PeopleCounterDriver(),
                new WiegandDriver(),
                new KioskWatchDriver()));
    }

    public static DriverRegistry of(List<DriverFactory> factories) {
        Map<String, DriverFactory> byName = new TreeMap<>();
        for (DriverFactory factory : factories) {
            if (byName.put(factory.driver(), factory) != null) {
                throw new IllegalArgumentException("two drivers are named '" + factory.driver() + "'");
            }
        }
        return new DriverRegistry(byName, Map.of());
    }

    public Optional<DriverFactory> find(String driver) {
        return Optional.ofNullable(factories.get(driver));
    }

    /** The driver names, sorted, for error messages. */
    public String names() {
        return String.join(", ", factories.keySet());
    }

    /**
     * The same drivers, with {@code instance} used wherever a driver asks its context for a shared
     * {@code type} (a test's Pi4J mock context instead of the Pi's GPIO chip).
     */
    public <T extends AutoCloseable> DriverRegistry provide(Class<T> type, Supplier<? extends T> instance) {
        Map<Class<?>, Supplier<?>> next = new HashMap<>(provided);
        next.put(type, instance);
        return new DriverRegistry(factories, Map.copyOf(next));
    }

    /** What a test provided for {@code type}, if anything. */
    @SuppressWarnings("unchecked")
    <T> Optional<Supplier<T>> provided(Class<T> type) {
        return Optional.ofNullable((Supplier<T>) provided.get(type));
    }
}
