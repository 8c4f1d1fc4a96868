package fr.relais.agent.systemd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one state to systemd by running {@code systemd-notify --pid=<agent pid> STATE}. Java 17
 * cannot send a datagram on a Unix socket, so the protocol goes through that program; the unit
 * needs {@code NotifyAccess=all} because the sender is a child, not the main process.
 * systemd-notify waits until systemd has processed the message, so its short life does not
 * lose the notification.
 */
final class NotifyCommand {
    private static final Logger LOG = LoggerFactory.getLogger(NotifyCommand.class);
    /** systemd-notify itself gives up waiting for systemd after 5 s; this only guards a stuck one. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_LOGGED_OUTPUT = 500;

    private final String program;
    private final String socket;
    private final long pid;

    NotifyCommand(String program, String socket, long pid) {
        this.program = program;
        this.socket = socket;
        this.pid = pid;
    }

    /** @return whether systemd-notify reported success; a failure is logged, never thrown */
    boolean send(String state) {
        ProcessBuilder builder = new ProcessBuilder(List.of(program, "--pid=" + pid, state))
                .redirectErrorStream(true);
        // The socket systemd gave this process, even when the environment was injected (tests).
        builder.environment().put(NotifyEnvironment.NOTIFY_SOCKET, socket);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            LOG.error("cannot run {} to tell systemd {}: {}", program, state, e.getMessage());
            return false;
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                LOG.warn("{} {} did not finish within {} s", program, state, TIMEOUT.toSeconds());
                return false;
            }
            if (process.exitValue() != 0) {
                LOG.warn("{} {} exited with status {}: {}", program, state, process.exitValue(), output(process));
                return false;
            }
            return true;
        } catch (IOException e) {
            LOG.warn("{} {}: {}", program, state, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String output(Process process) throws IOException {
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return text.length() <= MAX_LOGGED_OUTPUT ? text : text.substring(0, MAX_LOGGED_OUTPUT) + "…";
    }
}
