package fr.relais.broker.production;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Password and ACL files as the renderer writes them: hashes made by the real
 * {@code mosquitto_passwd}, and an ACL file in mosquitto's own syntax.
 */
final class BrokerAccounts {
    private static final Path MOSQUITTO_PASSWD = Path.of("/usr/bin/mosquitto_passwd");

    /** A minimal ACL for the tests: the hub reads and writes everything; one node, its own topics. */
    static final String ACL = """
            user hub
            topic readwrite relais/v1/#

            user node-a
            topic write relais/v1/site-a/node-a/state
            topic write relais/v1/site-a/node-a/birth
            topic write relais/v1/site-a/node-a/telemetry
            topic write relais/v1/site-a/node-a/event
            topic write relais/v1/site-a/node-a/reply
            topic read relais/v1/site-a/node-a/cmd/+
            topic read relais/v1/site-a/node-a/access
            topic read relais/v1/site-a/node-a/content
            topic read relais/v1/_hub/state
            """;

    private BrokerAccounts() {
    }

    /** Adds (or replaces) a user in a mosquitto password file, creating the file if needed. */
    static Path addUser(Path passwordFile, String user, String password) {
        if (!Files.isExecutable(MOSQUITTO_PASSWD)) {
            throw new IllegalStateException(MOSQUITTO_PASSWD + " is missing: install it with"
                    + " `sudo apt-get install mosquitto` (it ships with the broker).");
        }
        List<String> command = new ArrayList<>(List.of(MOSQUITTO_PASSWD.toString()));
        if (!Files.exists(passwordFile)) {
            command.add("-c");
        }
        command.addAll(List.of("-b", passwordFile.toString(), user, password));
        run(command);
        return passwordFile;
    }

    static Path writeAcl(Path aclFile, String acl) {
        try {
            Files.writeString(aclFile, acl, StandardCharsets.UTF_8);
            return aclFile;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command.subList(0, command.size() - 1))
                        + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
