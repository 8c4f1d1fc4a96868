package fr.relais.provisioning.deploy;

import java.util.Map;
import java.util.TreeMap;

/** Mosquitto's passwd file: one {@code username:hash} line per credential, sorted for stable output. */
final class PasswordFile {
    private final Map<String, String> lines = new TreeMap<>();

    void add(Credential credential) {
        lines.put(credential.username(), SecretStore.passwdHash(credential));
    }

    String text() {
        StringBuilder text = new StringBuilder();
        lines.forEach((username, hash) -> text.append(username).append(':').append(hash).append('\n'));
        return text.toString();
    }
}
