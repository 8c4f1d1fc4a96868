package fr.relais.system;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The edge agent in its own JVM, started as on a Pi (same jar, same JVM options). */
final class AgentProcess implements AutoCloseable {
    private final Process process;

    private AgentProcess(Process process) {
        this.process = process;
    }

    static AgentProcess start(Path config, Path log, String... extraArguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Repository.javaBinary().toString(),
                "@" + Repository.root().resolve("edge-agent/packaging/agent.jvm.options"),
                "-jar", Repository.jar("edge-agent", "relais-agent.jar").toString(), "--config", config.toString()));
        command.addAll(List.of(extraArguments));
        return new AgentProcess(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start());
    }

    /** SIGKILL, as a power cut: no goodbye, no flush. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    boolean isAlive() {
        return process.isAlive();
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
