package fr.relais.agent.device.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real programs through {@code sh}: the output is read whole, and a child that escaped the kill
 * (double fork into a session of its own) and keeps the output pipe open costs no thread.
 */
class ProgramTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    /** The escaped grandchild, ended here by its process id since no kill of the program reaches it. */
    @AfterEach
    void killEscapedChild() throws IOException {
        Path pid = dir.resolve("escaped.pid");
        if (Files.exists(pid) && !Files.readString(pid).isBlank()) {
            ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** Forks {@code sleep 60} in a new session, reparented away from the program, holding its stdout. */
    private String escapedSleep() {
        return "(setsid sh -c 'echo $$ > \"$1\"; exec sleep 60' - '" + dir.resolve("escaped.pid") + "' &); ";
    }

    @Test
    void theOutputAndTheExitCodeAreThoseOfTheProgram() throws InterruptedException {
        ProgramResult result = Program.run(List.of("sh", "-c", "echo active; echo second line; exit 3"),
                Duration.ofSeconds(30));

        assertThat(result.exitCode()).hasValue(3);
        assertThat(result.output()).isEqualTo("active\nsecond line\n");
        assertThat(result.problem()).isEmpty();
    }

    @Test
    void aLongOutputKeepsItsEnd() throws InterruptedException {
        ProgramResult result = Program.run(List.of("sh", "-c", "head -c 300000 /dev/zero | tr '\\0' a; echo end"),
                Duration.ofSeconds(30));

        assertThat(result.exitCode()).hasValue(0);
        assertThat(result.output()).hasSize(Program.MAX_OUTPUT).endsWith("aaaend\n");
    }

    @Test
    void aTimedOutProgramWhoseEscapedChildHoldsThePipeLeavesNoReaderThread() throws Exception {
        ProgramResult result = Program.run(List.of("sh", "-c", escapedSleep() + "sleep 30"), Duration.ofSeconds(1));

        assertThat(result.exitCode()).isEmpty();
        assertThat(result.problem()).contains("did not finish within 1 s and was killed");
        await().atMost(WAIT).until(() -> Files.exists(dir.resolve("escaped.pid")));
        assertThat(ProcessHandle.of(Long.parseLong(Files.readString(dir.resolve("escaped.pid")).strip())))
                .as("the escaped child still runs, holding the pipe").hasValueSatisfying(
                        child -> assertThat(child.isAlive()).isTrue());
        await().atMost(WAIT).until(() -> outputThreads().isEmpty());
    }

    @Test
    void aProgramThatEndsWhileItsEscapedChildHoldsThePipeReturnsItsOutputAndLeavesNoThread() throws Exception {
        ProgramResult result = Program.run(List.of("sh", "-c", escapedSleep() + "echo done"), Duration.ofSeconds(30));

        assertThat(result.exitCode()).hasValue(0);
        assertThat(result.output()).isEqualTo("done\n");
        await().atMost(WAIT).until(() -> outputThreads().isEmpty());
    }

    private static List<Thread> outputThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("program-output-") && thread.isAlive()).toList();
    }
}
