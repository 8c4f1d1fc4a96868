package fr.relais.agent.command;

import fr.relais.protocol.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A remote command that runs a program this node's configuration names, such as
 * {@code systemctl restart relais-kiosk}. Without one it is refused: nothing runs on a Pi that
 * its configuration did not allow. The words are passed as they are, never to a shell.
 */
final class SystemCommand implements CommandHandler {
    static final int MAX_OUTPUT = 2_000;

    private final String setting;
    private final Optional<List<String>> commandLine;
    private final Duration timeout;

    /** @param setting the configuration field that would name the program, for the refusal */
    SystemCommand(String setting, Optional<List<String>> commandLine, Duration timeout) {
        this.setting = setting;
        this.commandLine = commandLine;
        this.timeout = timeout;
    }

    @Override
    public Outcome execute(Command command) {
        if (commandLine.isEmpty()) {
            return Outcome.rejected("no program is configured for " + command.name() + " on this node (set "
                    + setting + " in its agent.yaml)");
        }
        Process process;
        Path output;
        try {
            // To a file, not a pipe: a program that writes more than a pipe holds would block.
            output = Files.createTempFile("relais-command-", ".out");
            process = new ProcessBuilder(commandLine.get()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
        } catch (IOException e) {
            return Outcome.failed("cannot run " + commandLine.get() + ": " + e.getMessage());
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return Outcome.failed(commandLine.get() + " did not finish within " + timeout.toSeconds() + " s");
            }
            String printed = tail(lastBytes(output));
            int exit = process.exitValue();
            Map<String, Object> result = Map.of("exitCode", (long) exit, "output", printed);
            return exit == 0 ? Outcome.ok(result)
                    : Outcome.failed(commandLine.get() + " exited with status " + exit, result);
        } catch (IOException e) {
            return Outcome.failed("cannot read the output of " + commandLine.get() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return Outcome.failed("interrupted while running " + commandLine.get());
        } finally {
            try {
                Files.deleteIfExists(output);
            } catch (IOException e) {
                // A leftover temporary file in the service's private /tmp.
            }
        }
    }

    /** The end of what the program printed: a program may print megabytes, the reply keeps the end. */
    private static String lastBytes(Path output) throws IOException {
        try (var file = new java.io.RandomAccessFile(output.toFile(), "r")) {
            long start = Math.max(0, file.length() - 4L * MAX_OUTPUT);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static String tail(String output) {
        return output.length() <= MAX_OUTPUT ? output : "…" + output.substring(output.length() - MAX_OUTPUT);
    }
}
