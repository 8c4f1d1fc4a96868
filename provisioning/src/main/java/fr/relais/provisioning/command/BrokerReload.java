package fr.relais.provisioning.command;

import java.io.IOException;
import java.util.Optional;

/** SIGHUP to a running mosquitto, which rereads its passwd and ACL (Java cannot send it itself). */
final class BrokerReload {
    private BrokerReload() {
    }

    static void signal(long pid) throws IOException {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        String command = process.flatMap(handle -> handle.info().command()).orElse("");
        if (process.isEmpty() || !command.endsWith("mosquitto")) {
            throw new IOException("process " + pid + " is not a running mosquitto (" + (command.isEmpty()
                    ? "no such process" : command) + "); reload the broker by hand");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(pid)).redirectErrorStream(true).start();
            String said = new String(kill.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (kill.waitFor() != 0) {
                throw new IOException("kill -HUP " + pid + " failed: " + said.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while signalling the broker", e);
        }
    }
}
