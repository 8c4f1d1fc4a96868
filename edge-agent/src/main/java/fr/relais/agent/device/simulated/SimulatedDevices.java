package fr.relais.agent.device.simulated;

import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.device.Device;
import fr.relais.protocol.Birth;
import fr.relais.agent.device.gpio.GpioPresenceDriver;
import fr.relais.agent.device.gpio.PeopleCounterDriver;
import java.util.Map;
import java.util.Random;

/**
 * Simulated equipment for the demo and the tests, never for a real place: each one says so in
 * the birth ({@code simulated: true}). Their randomness is seeded by the node and the device id:
 * a test sees the same story every time, and the places of one territory, whose devices share ids
 * ({@code imprimante-accueil} in every tiers-lieu), each tell their own.
 */
public final class SimulatedDevices {
    /** Seeds the printers' jams apart from their other randomness, still from the node and device id. */
    private static final long JAM_SALT = 0x6A616D73L;
    /** Seeds the van's coverage at each stop apart from the probe's other randomness. */
    private static final long STOP_SALT = 0x73746F70L;
    private SimulatedDevices() {
    }

    public static Device create(String node, DeviceConfig config) {
        Birth.DeviceInfo info = new Birth.DeviceInfo(config.id(), config.kind(), config.name(), true);
        // String.hashCode is specified, so the seed is the same on every JVM; '/' is in no id.
        int seed = (node + "/" + config.id()).hashCode();
        Random random = new Random(seed);
        return switch (config.kind()) {
            case PRINTER -> new SimulatedPrinter(info, random, new Random(JAM_SALT ^ seed),
                    SimulatedDriver.scalars(config));
            case PRESENCE_SENSOR -> presenceSensor(info, random, SimulatedDriver.scalars(config));
            case PROBE -> new SimulatedProbe(info, random, STOP_SALT ^ seed, SimulatedDriver.scalars(config));
            case KIOSK, COMPUTER, SCANNER, BADGE_READER, DOOR -> new SimulatedEquipment(info, random);
        };
    }

    /**
     * A room's motion sensor unless {@code simulates} names the entrance counter: both are
     * presence sensors, told apart by the real driver they stand for.
     */
    private static Device presenceSensor(Birth.DeviceInfo info, Random random, Map<String, Object> settings) {
        Object simulates = settings.get(SimulatedDriver.SIMULATES);
        if (simulates == null || simulates.equals(GpioPresenceDriver.NAME)) {
            return new SimulatedPresenceSensor(info, random, settings);
        }
        if (simulates.equals(PeopleCounterDriver.NAME)) {
            return new SimulatedPeopleCounter(info, random, settings);
        }
        throw new IllegalArgumentException("settings." + SimulatedDriver.SIMULATES + " '" + simulates
                + "' is not a presence sensor's driver: " + GpioPresenceDriver.NAME + " or " + PeopleCounterDriver.NAME);
    }

    static double setting(Map<String, Object> settings, String name, double defaultValue) {
        Object value = settings.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw new IllegalArgumentException("settings." + name + " must be a number, got '" + value + "'");
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
