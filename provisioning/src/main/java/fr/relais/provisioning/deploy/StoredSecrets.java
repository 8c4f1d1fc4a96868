package fr.relais.provisioning.deploy;

import fr.relais.protocol.Ids;
import fr.relais.provisioning.secrets.AccessSigningKey;
import fr.relais.provisioning.secrets.BadgeKeys;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a secret store read back from disk before anything is rendered from it: a hand-edited
 * or damaged file must not put a newline into a configuration file, nor give one node's ACL to
 * another's username. Says what is wrong without quoting any secret.
 */
final class StoredSecrets {
    private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9]{32}");
    private static final int SALT_BYTES = 12;

    private StoredSecrets() {
    }

    /** What is wrong with the store, or null. */
    static String problem(SecretStore.Contents contents) {
        if (contents.version() != 1) {
            return "version " + contents.version() + ", this release reads version 1";
        }
        if (contents.hub() == null || contents.adminPassword() == null) {
            return "the hub's credentials or the admin password are missing";
        }
        java.util.List<Credential> hubs = new java.util.ArrayList<>(contents.hubPrevious() == null
                ? java.util.List.of() : contents.hubPrevious());
        hubs.add(contents.hub());
        for (Credential hub : hubs) {
            String problem = HubIdentity.generation(hub.username()) == 0 ? "a username is not relais-hub[.<generation>]"
                    : credential(hub, null);
            if (problem != null) {
                return "hub: " + problem;
            }
        }
        if (!PASSWORD.matcher(contents.adminPassword()).matches()) {
            return "the admin password is not a generated one";
        }
        if (contents.revokedSerials() != null
                && !contents.revokedSerials().stream().allMatch(serial -> serial.matches("[0-9a-f]{1,40}"))) {
            return "a revoked certificate serial is not hexadecimal";
        }
        if (contents.brokerDir() != null && !contents.brokerDir().startsWith("/")) {
            return "brokerDir is not an absolute path";
        }
        for (Map.Entry<String, String> entry : contents.badgeKeys() == null ? Map.<String, String>of().entrySet()
                : contents.badgeKeys().entrySet()) {
            if (!Ids.isValid(entry.getKey())) {
                return "a site id of badgeKeys is not an id";
            }
            if (entry.getValue() == null || !BadgeKeys.FORMAT.matcher(entry.getValue()).matches()) {
                return "site " + entry.getKey() + ": the badge key is not a generated one";
            }
        }
        if (contents.accessSigningKey() != null) {
            String problem = AccessSigningKey.problem(contents.accessSigningKey());
            if (problem != null) {
                return "the access signing key: " + problem;
            }
        }
        for (Map.Entry<String, NodeIdentity> entry : contents.nodes() == null ? Map.<String, NodeIdentity>of().entrySet()
                : contents.nodes().entrySet()) {
            String node = entry.getKey();
            if (!Ids.isValid(node)) {
                return "a node id is not an id";
            }
            List<Credential> credentials = entry.getValue().credentials();
            if (credentials.isEmpty()) {
                return "node " + node + " has no credential";
            }
            for (Credential credential : credentials) {
                String problem = credential(credential, null);
                if (problem != null) {
                    return "node " + node + ": " + problem;
                }
                String prefix = node + ".";
                String generation = credential.username().startsWith(prefix)
                        ? credential.username().substring(prefix.length()) : "";
                if (!generation.matches("[1-9][0-9]{0,8}")
                        || Integer.parseInt(generation) > entry.getValue().generation()) {
                    return "node " + node + ": a username is not " + node + ".<generation>";
                }
            }
        }
        return null;
    }

    private static String credential(Credential credential, String expectedUsername) {
        if (expectedUsername != null && !expectedUsername.equals(credential.username())) {
            return "unexpected username";
        }
        if (credential.certificateSerial() != null && !credential.certificateSerial().matches("[0-9a-f]{1,40}")) {
            return "a certificate serial is not hexadecimal";
        }
        if (!PASSWORD.matcher(credential.password()).matches()) {
            return "a password is not a generated one";
        }
        try {
            if (Base64.getDecoder().decode(credential.salt()).length != SALT_BYTES) {
                return "a salt is not " + SALT_BYTES + " bytes";
            }
        } catch (IllegalArgumentException e) {
            return "a salt is not base64";
        }
        return null;
    }
}
