package fr.relais.system;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The hub in its own JVM, from its runnable jar, on a free HTTP port it announces. */
final class HubProcess implements AutoCloseable {
    private static final Pattern ANNOUNCED = Pattern.compile("dashboard and API on http://[^:]+:(\\d+)/");

    private final Process process;
    private final int httpPort;

    private HubProcess(Process process, int httpPort) {
        this.process = process;
        this.httpPort = httpPort;
    }

    /** Starts the hub on {@code databaseUrl} with the client id every run shares, so its session survives. */
    static HubProcess start(String databaseUrl, String brokerUrl, Path log) throws IOException {
        return start(databaseUrl, brokerUrl, log, List.of());
    }

    /** @param extra more options, such as {@code --access-signing-key FILE} */
    static HubProcess start(String databaseUrl, String brokerUrl, Path log, List<String> extra) throws IOException {
        long offset = Files.exists(log) ? Files.size(log) : 0;
        List<String> command = new java.util.ArrayList<>(List.of(Repository.javaBinary().toString(), "-jar",
                Repository.jar("hub", "relais-hub.jar").toString(), "--port", "0", "--db", databaseUrl,
                "--mqtt", brokerUrl, "--mqtt-client-id", "relais-hub",
                "--admin-password", HubApi.ADMIN_PASSWORD));
        command.addAll(extra);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        int[] port = new int[1];
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the hub stopped at start; see " + log);
                }
                String text = Files.readString(log, StandardCharsets.UTF_8);
                Matcher announced = ANNOUNCED.matcher(text.substring((int) Math.min(offset, text.length())));
                if (announced.find()) {
                    port[0] = Integer.parseInt(announced.group(1));
                    return true;
                }
                return false;
            });
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        return new HubProcess(process, port[0]);
    }

    int httpPort() {
        return httpPort;
    }

    /** SIGKILL, as a crash or a power cut of the hub's machine: no goodbye, no flush. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM, as systemd stops it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
