package fr.relais.provisioning.render;

import fr.relais.agent.localapi.MaintenancePin;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The demo's way out of its kiosks, so that a newcomer can try the technician's exit: a PIN
 * everyone knows, and as technician badges the five demo cards the simulated badge readers read
 * now and then (the demo has no card to present: whichever card the kiosk's reader reads next
 * opens the PIN pad). Never for a real place, where the inventory gives both.
 */
public final class DemoMaintenance {
    /** The demo kiosks' technician PIN, printed by {@code ./relais demo}. */
    public static final String PIN = "1234";
    /** As many as the simulated reader's demo cards (SimulatedEquipment in the edge agent). */
    static final int DEMO_CARDS = 5;
    private static final int ITERATIONS = 120_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private DemoMaintenance() {
    }

    /**
     * The PIN's hash in the agent's format, its salt taken from the node id rather than drawn at
     * random: the demo renders the same bytes every time, so its agents report the same
     * configuration version from one start to the next.
     */
    static String pinHash(String node) {
        byte[] salt = Arrays.copyOf(sha256("relais-demo-maintenance-pin/" + node), SALT_BYTES);
        PBEKeySpec spec = new PBEKeySpec(PIN.toCharArray(), salt, ITERATIONS, HASH_BYTES * 8);
        try {
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return MaintenancePin.PREFIX + "$" + ITERATIONS + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                    + Base64.getEncoder().encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 17 runtime", e);
        } finally {
            spec.clearPassword();
        }
    }

    /**
     * The hashes the simulated readers report for the demo cards: no badge number exists, so they
     * are plain SHA-256 of the card's name, as the edge agent's simulation makes them.
     */
    static List<String> technicianBadges() {
        return IntStream.range(0, DEMO_CARDS)
                .mapToObj(n -> HexFormat.of().formatHex(sha256("carte-de-demonstration-" + n))).toList();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is in every Java runtime", e);
        }
    }
}
