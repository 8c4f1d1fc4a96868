package fr.relais.provisioning.secrets;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One password hash as found after {@code username:} in a Mosquitto passwd file, taken apart.
 * {@code iterations} is 0 for the old {@code $6$} (plain SHA-512) form.
 */
record EncodedPassword(int iterations, byte[] salt, byte[] hash) {
    private static final Pattern SHA512 = Pattern.compile("\\$6\\$([^$]*)\\$([^$]*)");
    private static final Pattern PBKDF2 = Pattern.compile("\\$7\\$([^$]*)\\$([^$]*)\\$([^$]*)");
    /** Far above anything mosquitto_passwd writes: a bigger number is a corrupt file, not a policy. */
    private static final int MAX_ITERATIONS = 10_000_000;

    static EncodedPassword parse(String encoded) {
        if (encoded == null || encoded.isBlank()) {
            throw new IllegalArgumentException("The Mosquitto password hash is empty");
        }
        String text = encoded.strip();
        Matcher pbkdf2 = PBKDF2.matcher(text);
        if (pbkdf2.matches()) {
            return new EncodedPassword(iterations(pbkdf2.group(1)), salt(pbkdf2.group(2)), hash(pbkdf2.group(3)));
        }
        Matcher sha512 = SHA512.matcher(text);
        if (sha512.matches()) {
            return new EncodedPassword(0, salt(sha512.group(1)), hash(sha512.group(2)));
        }
        if (text.startsWith("$7$") || text.startsWith("$6$")) {
            throw new IllegalArgumentException("The Mosquitto password hash has the wrong number of '$' fields: expected "
                    + "$7$<iterations>$<salt>$<hash> or $6$<salt>$<hash>");
        }
        throw new IllegalArgumentException("Not a Mosquitto password hash: it should start with $7$ (PBKDF2-SHA512) "
                + "or $6$ (SHA-512), it starts with '" + text.substring(0, Math.min(3, text.length())) + "'");
    }

    private static int iterations(String field) {
        if (!field.matches("[0-9]{1,8}")) {
            throw new IllegalArgumentException("The iteration count of a $7$ Mosquitto password hash is not a number: '"
                    + field + "'");
        }
        int iterations = Integer.parseInt(field);
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("The iteration count of a $7$ Mosquitto password hash must be between 1 and "
                    + MAX_ITERATIONS + ", not " + iterations);
        }
        return iterations;
    }

    private static byte[] salt(String field) {
        byte[] salt = base64("salt", field);
        if (salt.length != MosquittoPasswords.SALT_BYTES) {
            throw new IllegalArgumentException("The salt of a Mosquitto password hash must be "
                    + MosquittoPasswords.SALT_BYTES + " bytes (Mosquitto 2.0 drops the user otherwise), this one is "
                    + salt.length);
        }
        return salt;
    }

    private static byte[] hash(String field) {
        byte[] hash = base64("hash", field);
        if (hash.length != MosquittoPasswords.HASH_BYTES) {
            throw new IllegalArgumentException("The hash part of a Mosquitto password hash must be "
                    + MosquittoPasswords.HASH_BYTES + " bytes (SHA-512), this one is " + hash.length);
        }
        return hash;
    }

    private static byte[] base64(String what, String field) {
        if (field.isEmpty()) {
            throw new IllegalArgumentException("The " + what + " of the Mosquitto password hash is empty");
        }
        try {
            return Base64.getDecoder().decode(field);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The " + what + " of the Mosquitto password hash is not valid base64: "
                    + e.getMessage(), e);
        }
    }
}
