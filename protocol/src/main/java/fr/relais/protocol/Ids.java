package fr.relais.protocol;

/**
 * Identifiers of sites, nodes and devices. They appear as MQTT topic levels, so they must
 * never contain {@code /}, {@code +} or {@code #}; lower-case ASCII keeps them readable on a
 * phone and safe in file names, and a leading letter or digit keeps {@code _hub} reserved.
 */
public final class Ids {
    public static final int MAX_LENGTH = 63;

    private Ids() {
    }

    /**
     * {@code [a-z0-9][a-z0-9-]{0,62}}, checked character by character: the hub checks several ids
     * per message it ingests, and a regular expression was a tenth of its writer's time.
     */
    public static boolean isValid(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!letterOrDigit && (i == 0 || c != '-')) {
                return false;
            }
        }
        return true;
    }

    /** Why {@code id} is not a valid identifier, or {@code null} if it is. */
    public static String problem(String id) {
        if (id == null || id.isEmpty()) {
            return "must not be empty";
        }
        if (id.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters, got " + id.length();
        }
        if (!isValid(id)) {
            return "'" + id + "' must be lower-case letters, digits and '-', starting with a letter or digit";
        }
        return null;
    }
}
