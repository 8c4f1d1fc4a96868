package fr.relais.agent.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real program standing in for systemd-notify: a shell script that appends the socket
 * it was given and its arguments to a file, one line per call.
 */
class SystemdNotifierTest {
    private static final String SOCKET = "/run/systemd/notify";
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private final String pid = Long.toString(ProcessHandle.current().pid());

    @TempDir
    Path dir;
    private Path calls;
    private String program;

    @BeforeEach
    void fakeSystemdNotify() throws IOException {
        calls = dir.resolve("calls.txt");
        Path script = dir.resolve("systemd-notify");
        Files.writeString(script, "#!/bin/sh\nprintf '%s %s\\n' \"$NOTIFY_SOCKET\" \"$*\" >> '" + calls + "'\n",
                StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        program = script.toString();
    }

    @Test
    void saysReadyOnStartAndStoppingOnClose() throws IOException {
        SystemdNotifier notifier = SystemdNotifier.create(Map.of("NOTIFY_SOCKET", SOCKET), program, () -> true);
        assertThat(notifier.enabled()).isTrue();

        notifier.start();
        assertThat(calls()).containsExactly(SOCKET + " --pid=" + pid + " READY=1");

        notifier.close();
        notifier.close();
        assertThat(calls()).containsExactly(SOCKET + " --pid=" + pid + " READY=1",
                SOCKET + " --pid=" + pid + " STOPPING=1");
    }

    @Test
    void pingsTheWatchdogRepeatedlyUntilClosed() throws IOException {
        SystemdNotifier notifier = SystemdNotifier.create(
                Map.of("NOTIFY_SOCKET", SOCKET, "WATCHDOG_USEC", "200000", "WATCHDOG_PID", pid), program, () -> true);
        notifier.start();

        await().atMost(PATIENCE).until(() -> count("WATCHDOG=1") >= 3);
        notifier.close();

        List<String> lines = calls();
        assertThat(lines.get(0)).isEqualTo(SOCKET + " --pid=" + pid + " READY=1");
        assertThat(lines).filteredOn(line -> line.endsWith(" WATCHDOG=1"))
                .allMatch(line -> line.equals(SOCKET + " --pid=" + pid + " WATCHDOG=1"));
        // Closing stops the pings before saying goodbye: nothing follows STOPPING=1.
        assertThat(lines.get(lines.size() - 1)).isEqualTo(SOCKET + " --pid=" + pid + " STOPPING=1");
    }

    @Test
    void skipsThePingWhileTheAgentIsUnhealthy() throws IOException {
        AtomicBoolean healthy = new AtomicBoolean(false);
        AtomicInteger checks = new AtomicInteger();
        SystemdNotifier notifier = SystemdNotifier.create(Map.of("NOTIFY_SOCKET", SOCKET, "WATCHDOG_USEC", "200000"),
                program, () -> {
                    checks.incrementAndGet();
                    return healthy.get();
                });
        notifier.start();

        // Checks run one after another on one thread: by the third, the first two were answered.
        await().atMost(PATIENCE).until(() -> checks.get() >= 3);
        assertThat(calls()).containsExactly(SOCKET + " --pid=" + pid + " READY=1");

        healthy.set(true);
        await().atMost(PATIENCE).until(() -> count("WATCHDOG=1") >= 1);
        notifier.close();
    }

    @Test
    void aHealthCheckThatThrowsCountsAsUnhealthy() throws IOException {
        AtomicInteger checks = new AtomicInteger();
        SystemdNotifier notifier = SystemdNotifier.create(Map.of("NOTIFY_SOCKET", SOCKET, "WATCHDOG_USEC", "200000"),
                program, () -> {
                    checks.incrementAndGet();
                    throw new IllegalStateException("node thread gone");
                });
        notifier.start();

        await().atMost(PATIENCE).until(() -> checks.get() >= 3);
        notifier.close();
        assertThat(calls()).containsExactly(SOCKET + " --pid=" + pid + " READY=1",
                SOCKET + " --pid=" + pid + " STOPPING=1");
    }

    @Test
    void doesNothingOutsideSystemd() {
        AtomicInteger checks = new AtomicInteger();
        SystemdNotifier notifier = SystemdNotifier.create(Map.of("WATCHDOG_USEC", "200000"), program, () -> {
            checks.incrementAndGet();
            return true;
        });
        assertThat(notifier.enabled()).isFalse();

        notifier.start();
        notifier.close();

        assertThat(calls).doesNotExist();
        assertThat(checks).hasValue(0);
    }

    @Test
    void aMissingOrFailingProgramNeverStopsTheAgent() throws IOException {
        SystemdNotifier missing = SystemdNotifier.create(Map.of("NOTIFY_SOCKET", SOCKET),
                dir.resolve("no-such-program").toString(), () -> true);
        missing.start();
        missing.close();

        Path failing = dir.resolve("failing-notify");
        Files.writeString(failing, "#!/bin/sh\necho 'No such file or directory' >&2\nexit 1\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(failing, PosixFilePermissions.fromString("rwx------"));
        SystemdNotifier refused = SystemdNotifier.create(Map.of("NOTIFY_SOCKET", SOCKET), failing.toString(),
                () -> true);
        refused.start();
        refused.close();

        assertThat(calls).doesNotExist();
    }

    private List<String> calls() throws IOException {
        return Files.exists(calls) ? Files.readAllLines(calls, StandardCharsets.UTF_8) : List.of();
    }

    private long count(String state) throws IOException {
        return calls().stream().filter(line -> line.endsWith(" " + state)).count();
    }
}
