package fr.relais.agent.device.simulated;

import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.Reading;
import fr.relais.protocol.Birth;
import fr.relais.protocol.Health;
import fr.relais.protocol.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A public printer whose toner goes down as people print, which now and then runs out of paper,
 * and whose cartridge a technician replaces once it is empty.
 */
final class SimulatedPrinter extends SimulatedDevice {
    static final double WARNING_TONER = 15;
    static final double CRITICAL_TONER = 5;
    private static final double TONER_PER_PAGE = 0.12;
    private static final double PAPER_OUT_CHANCE = 0.03;

    private double toner;
    private long pages;
    private boolean paperOut;

    SimulatedPrinter(Birth.DeviceInfo info, Random random, Map<String, Object> settings) {
        super(info, random);
        this.toner = SimulatedDevices.setting(settings, "tonerPercent", 30 + random.nextInt(70));
        if (toner < 0 || toner > 100) {
            throw new IllegalArgumentException("settings.tonerPercent must be between 0 and 100, got " + toner);
        }
        this.pages = random.nextInt(5_000);
    }

    @Override
    public Reading read(Instant now) {
        List<DeviceEvent> events = new ArrayList<>();
        int printed = paperOut ? 0 : random.nextInt(9);
        pages += printed;
        toner = Math.max(0, toner - printed * TONER_PER_PAGE);
        if (toner == 0 && random.nextInt(3) == 0) {
            toner = 100;
            events.add(new DeviceEvent("toner-replaced", Severity.INFO, "Cartouche de toner remplacée", Map.of()));
        }
        if (!paperOut && random.nextDouble() < PAPER_OUT_CHANCE) {
            paperOut = true;
            events.add(new DeviceEvent("paper-out", Severity.WARNING, "Plus de papier dans le bac", Map.of("tray", 1L)));
        } else if (paperOut && random.nextInt(3) == 0) {
            paperOut = false;
            events.add(new DeviceEvent("paper-loaded", Severity.INFO, "Papier rechargé", Map.of("tray", 1L)));
        }
        Map<String, Object> metrics = Map.of(
                "tonerPercent", Math.round(toner),
                "pagesPrinted", pages,
                "paperOut", paperOut,
                "state", printed > 0 ? "printing" : "idle");
        return new Reading(health(), metrics, events);
    }

    private Health health() {
        if (paperOut || toner <= CRITICAL_TONER) {
            return Health.CRITICAL;
        }
        return toner <= WARNING_TONER ? Health.WARNING : Health.OK;
    }
}
