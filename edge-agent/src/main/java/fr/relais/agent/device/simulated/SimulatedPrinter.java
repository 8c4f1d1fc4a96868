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
 * A public printer whose toner goes down as people print, which now and then runs out of paper
 * or jams for a few readings, and whose cartridge a technician replaces once it is empty.
 *
 * <p>Jams draw from their own random sequence ({@code jams}, seeded by node and device id like
 * the rest), and people still try to print while it is jammed, so adding jams changed each printer's
 * story (the demo's, the tests') as little as possible: only the pages a jam stops.
 */
final class SimulatedPrinter extends SimulatedDevice {
    static final double WARNING_TONER = 15;
    static final double CRITICAL_TONER = 5;
    private static final double TONER_PER_PAGE = 0.12;
    private static final double PAPER_OUT_CHANCE = 0.03;
    /** About one jam per printer every 200 readings: now and then in the demo, not all the time. */
    static final double PAPER_JAM_CHANCE = 0.005;
    static final int MIN_JAM_READINGS = 2;
    static final int MAX_JAM_READINGS = 6;

    private final Random jams;

    private double toner;
    private long pages;
    private boolean paperOut;
    /** Readings the current jam still lasts, this one included; 0 when not jammed. */
    private int jamReadingsLeft;

    SimulatedPrinter(Birth.DeviceInfo info, Random random, Random jams, Map<String, Object> settings) {
        super(info, random);
        this.jams = jams;
        this.toner = SimulatedDevices.setting(settings, "tonerPercent", 30 + random.nextInt(70));
        if (toner < 0 || toner > 100) {
            throw new IllegalArgumentException("settings.tonerPercent must be between 0 and 100, got " + toner);
        }
        this.pages = random.nextInt(5_000);
    }

    @Override
    public Reading read(Instant now) {
        List<DeviceEvent> events = new ArrayList<>();
        boolean jammed = jammed(events);
        int wanted = paperOut ? 0 : random.nextInt(9);
        int printed = jammed ? 0 : wanted;
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
                "paperJam", jammed,
                "state", jammed ? "jammed" : printed > 0 ? "printing" : "idle");
        return new Reading(health(jammed), metrics, events);
    }

    /** Whether paper is stuck during this reading; a jam starts at random and lasts a few readings. */
    private boolean jammed(List<DeviceEvent> events) {
        if (jamReadingsLeft > 0) {
            jamReadingsLeft--;
            if (jamReadingsLeft == 0) {
                events.add(new DeviceEvent("paper-jam-cleared", Severity.INFO, "Bourrage papier dégagé", Map.of()));
                return false;
            }
            return true;
        }
        // No paper, no jam; the draw is skipped then, which keeps the sequence deterministic all the same.
        if (!paperOut && jams.nextDouble() < PAPER_JAM_CHANCE) {
            jamReadingsLeft = MIN_JAM_READINGS + jams.nextInt(MAX_JAM_READINGS - MIN_JAM_READINGS + 1);
            events.add(new DeviceEvent("paper-jam", Severity.WARNING, "Bourrage papier", Map.of("tray", 1L)));
            return true;
        }
        return false;
    }

    private Health health(boolean jammed) {
        if (paperOut || toner <= CRITICAL_TONER) {
            return Health.CRITICAL;
        }
        return jammed || toner <= WARNING_TONER ? Health.WARNING : Health.OK;
    }
}
