package fr.relais.agent.device.simulated;

import fr.relais.agent.device.Reading;
import fr.relais.protocol.Birth;
import fr.relais.protocol.Health;
import java.time.Instant;
import java.util.Map;
import java.util.Random;

/**
 * Equipment whose simulation only needs to show it is alive and in use: kiosk screens, public
 * computers, scanners, badge readers and doors.
 */
final class SimulatedEquipment extends SimulatedDevice {
    private long uses;

    SimulatedEquipment(Birth.DeviceInfo info, Random random) {
        super(info, random);
    }

    @Override
    public Reading read(Instant now) {
        boolean inUse = random.nextInt(3) == 0;
        if (inUse) {
            uses++;
        }
        Map<String, Object> metrics = switch (info.kind()) {
            case KIOSK -> Map.of("up", true, "inSession", inUse, "sessions", uses);
            case COMPUTER -> Map.of("up", true, "inUse", inUse, "sessions", uses);
            case SCANNER -> Map.of("up", true, "pagesScanned", uses * 3);
            case BADGE_READER -> Map.of("up", true, "badgesRead", uses);
            case DOOR -> Map.of("up", true, "open", false, "locked", true, "openings", uses);
            default -> Map.of("up", true);
        };
        return Reading.of(Health.OK, metrics);
    }
}
