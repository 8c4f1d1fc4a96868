package fr.relais.provisioning.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A finished external command: its exit code and its output (stdout and stderr together). */
public record ProcessResult(int exitCode, String output) {
    private static final long TIMEOUT_MINUTES = 2;

    static ProcessResult run(Path workDir, Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(workDir.toFile())
                .redirectErrorStream(true);
        // Only what the test says: nothing inherited from the shell that runs the build.
        builder.environment().keySet().removeIf(name -> name.equals("DESTDIR") || name.startsWith("RELAIS_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        return new ProcessResult(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** The absolute path of a program on the PATH, or null. */
    static Path onPath(String program) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(folder, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
