package fr.relais.agent.device.simulated;

import fr.relais.agent.device.Reading;
import fr.relais.agent.device.badge.BadgeEvents;
import fr.relais.protocol.DeviceKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import fr.relais.protocol.Birth;
import fr.relais.protocol.Health;
import java.time.Instant;
import java.util.Map;
import java.util.Random;

/**
 * Equipment whose simulation only needs to show it is alive and in use: kiosk screens, public
 * computers, scanners, badge readers and doors. A badge reader now and then reads one of five
 * demo cards, so that the demo's Coworking page has unknown reads to enrol.
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
        if (info.kind() == DeviceKind.BADGE_READER && inUse) {
            // Each use is one of five demo cards, as a real reader reports it: only a hash.
            return new Reading(Health.OK, metrics, List.of(BadgeEvents.read(demoCard(random.nextInt(5)), "simulation")));
        }
        return Reading.of(Health.OK, metrics);
    }

    /** The hash of a demo card: no badge number exists, so no site key is needed to make one. */
    static String demoCard(int n) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(("carte-de-demonstration-" + n).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every Java runtime", e);
        }
    }
}
