package fr.relais.provisioning.secrets;

import java.security.SecureRandom;

/**
 * Passwords the provisioning tool invents for the nodes' MQTT accounts. Nobody types them, so they
 * are long; they use letters and digits only so that they need no quoting in YAML, in a shell or
 * in a Mosquitto passwd file, whichever of those they end up in.
 */
public final class GeneratedPasswords {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    /** 32 characters from 62: about 190 bits, beyond any guessing over MQTT or offline. */
    private static final int LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private GeneratedPasswords() {
    }

    /** A new random password: 32 characters from [A-Za-z0-9]. */
    public static String generate() {
        char[] password = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            // nextInt(bound) rejects the biased tail itself: every character is equally likely.
            password[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return new String(password);
    }
}
