package fr.relais.agent;

import fr.relais.agent.command.Outcome;
import fr.relais.agent.config.ConfigException;
import fr.relais.agent.config.ConfigLoader;
import fr.relais.agent.config.NodeConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code set-config}: validates a new configuration, runs the node with it, and keeps it only if
 * the node reaches the broker within the probation period; otherwise it goes back to the
 * configuration it had. A remote node must never be cut off by a typo in a password.
 */
final class Reconfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(Reconfiguration.class);

    private final EdgeAgent agent;
    /** Beyond probation, this long for closing and starting runtimes; then a stuck set-config is a hang. */
    private static final long GRACE_SECONDS = 60;
    private volatile boolean inProgress;
    private volatile long startedNanos;

    Reconfiguration(EdgeAgent agent) {
        this.agent = agent;
    }

    synchronized Outcome apply(String yaml) {
        NodeConfig current = agent.config();
        Path baseDir = agent.configFile().map(file -> file.toAbsolutePath().getParent())
                .orElse(current.storageFile().toAbsolutePath().getParent());
        NodeConfig next;
        try {
            next = new ConfigLoader().parse(yaml, baseDir);
        } catch (ConfigException e) {
            return Outcome.rejected("invalid configuration: " + e.getMessage());
        }
        if (!next.node().equals(current.node()) || !next.site().id().equals(current.site().id())) {
            return Outcome.rejected("set-config cannot change the node or site id; provision a new node instead");
        }
        if (!next.storageFile().equals(current.storageFile())) {
            return Outcome.rejected("set-config cannot move storage.file while the agent is using it");
        }
        if (!next.commands().restartKiosk().equals(current.commands().restartKiosk())
                || !next.commands().reboot().equals(current.commands().reboot())) {
            // Otherwise whoever can send commands could make every Pi run any program.
            return Outcome.rejected("set-config cannot change commands.restartKiosk or commands.reboot;"
                    + " the programs a node runs are set on the Pi itself");
        }
        startedNanos = System.nanoTime();
        inProgress = true;
        try {
            return switchTo(current, next, yaml);
        } finally {
            inProgress = false;
        }
    }

    /** Whether a configuration is being tried: its node is busy, not hung. */
    boolean inProgress() {
        if (!inProgress) {
            return false;
        }
        long limit = agent.config().commands().configProbation().toSeconds() * 2 + GRACE_SECONDS;
        // Past its limit the watchdog must see a stuck reconfiguration as what it is: a hang.
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos) < limit;
    }

    private Outcome switchTo(NodeConfig current, NodeConfig next, String yaml) {
        agent.runtime().close();
        NodeRuntime trial;
        try {
            trial = agent.startRuntime(next);
        } catch (RuntimeException e) {
            agent.replace(current, agent.startRuntime(current));
            return Outcome.rejected("the new configuration cannot run here: " + e.getMessage());
        }
        if (!awaitOnline(trial, next)) {
            trial.close();
            agent.replace(current, agent.startRuntime(current));
            LOG.warn("{}: the new configuration did not reach the broker; rolled back", current.node());
            return Outcome.failed("rolled back: with the new configuration the node did not reach the broker "
                    + next.broker().url() + " within " + next.commands().configProbation().toSeconds() + " s");
        }
        agent.replace(next, trial);
        boolean persisted = persist(yaml);
        LOG.info("{}: new configuration {} applied{}", current.node(), next.version(),
                persisted ? " and saved" : " (not saved: no configuration file)");
        return Outcome.ok(Map.of("configVersion", next.version(), "previousVersion", current.version(),
                "saved", persisted));
    }

    private static boolean awaitOnline(NodeRuntime trial, NodeConfig next) {
        Instant deadline = Instant.now().plus(next.commands().configProbation());
        while (Instant.now().isBefore(deadline)) {
            if (trial.uplink().isOnline()) {
                return true;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return trial.uplink().isOnline();
    }

    /** Writes the file atomically, keeping the previous one beside it. */
    private boolean persist(String yaml) {
        if (agent.configFile().isEmpty()) {
            return false;
        }
        Path file = agent.configFile().get();
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".new");
            Files.writeString(temporary, yaml, StandardCharsets.UTF_8);
            if (Files.exists(file)) {
                Files.copy(file, file.resolveSibling(file.getFileName() + ".previous"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException e) {
            LOG.error("the new configuration runs but cannot be saved to {}: {}", file, e.toString());
            return false;
        }
    }
}
