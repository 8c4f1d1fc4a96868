package fr.relais.agent.diagnostics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.relais.agent.config.ConfigException;
import fr.relais.agent.config.ConfigLoader;
import fr.relais.agent.config.NodeConfig;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.DriverRegistry;
import fr.relais.agent.device.Reading;
import fr.relais.protocol.Health;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * {@code relais-agent check KIND TARGET [--setting value …]}: runs one driver once, on site, and
 * prints its health, metrics and events as one JSON line. Exit code 0 ok, 1 warning, 2 critical
 * (or no answer), 3 a bad command line. An unreachable target is an answer, never a stack trace.
 */
@Command(name = "check", exitCodeOnInvalidInput = CheckCommand.BAD_COMMAND_LINE,
        exitCodeOnExecutionException = CheckCommand.CRITICAL, mixinStandardHelpOptions = true,
        description = {"Runs one device driver once and prints one JSON line: health, metrics, events.",
                "Kinds: " + CheckTarget.KINDS + ".",
                "Further --NAME VALUE options are the driver's settings (as in agent.yaml; --a.b nests).",
                "Exit code: 0 ok, 1 warning, 2 critical or no answer, 3 bad command line."})
public final class CheckCommand implements Callable<Integer> {
    static final int BAD_COMMAND_LINE = 3;
    /** Also what an unexpected failure of the check itself answers: never "warning". */
    static final int CRITICAL = 2;

    @Parameters(index = "0", paramLabel = "KIND", description = "printer, scanner, probe, badge or gpio")
    private String kind;

    @Parameters(index = "1", paramLabel = "TARGET",
            description = "ipp://…, http://…/eSCL, tcp://host:port, /dev/input/by-id/… or /dev/tty…, door|presence|counter|wiegand")
    private String target;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "-1",
            description = "How long to listen for events after the first reading (default: badge 30, gpio 10, others 0).")
    private long waitSeconds;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "How long one read may take (default: the driver's, 10 s for most).")
    private Long timeoutSeconds;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The node's agent.yaml, for its badges.hashKey: hashes then match the hub's."
                    + " Without it a random key is used and the hash means nothing elsewhere.")
    private Path config;

    @Unmatched
    private List<String> settings = new ArrayList<>();

    private final DriverRegistry drivers;
    private final PrintStream out;

    public CheckCommand() {
        this(DriverRegistry.standard(), System.out);
    }

    CheckCommand(DriverRegistry drivers, PrintStream out) {
        this.drivers = drivers;
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        Path scratch = Files.createTempDirectory("relais-check");
        try {
            return check(scratch);
        } finally {
            deleteQuietly(scratch);
        }
    }

    private int check(Path scratch) throws Exception {
        CheckTarget check;
        NodeConfig node;
        try {
            check = CheckTarget.of(kind, target, settings);
            node = CheckRun.config(check, Optional.ofNullable(timeoutSeconds), badgeKey(), scratch, drivers);
        } catch (IllegalArgumentException | ConfigException e) {
            System.err.println("relais-agent check: " + e.getMessage());
            return BAD_COMMAND_LINE;
        }
        CheckRun run = new CheckRun();
        boolean badge = check.kind().equals("badge-reader");
        Optional<Reading> reading = run.run(node, drivers, Duration.ofSeconds(waitSeconds()), badge);
        Health health = reading.map(Reading::health).orElse(Health.UNKNOWN);
        ObjectNode line = new ObjectMapper().createObjectNode();
        line.put("check", kind).put("target", target).put("driver", check.driver()).put("health", health.wire());
        line.putPOJO("metrics", reading.map(Reading::metrics).orElse(Map.of("error", "no answer")));
        var events = line.putArray("events");
        for (DeviceEvent event : run.events()) {
            events.addObject().put("type", event.type()).put("severity", event.severity().wire())
                    .put("message", event.message()).putPOJO("data", event.data());
        }
        out.println(new ObjectMapper().writeValueAsString(line));
        return switch (health) {
            case OK -> 0;
            case WARNING -> 1;
            case CRITICAL, UNKNOWN -> 2;
        };
    }

    private long waitSeconds() {
        if (waitSeconds >= 0) {
            return waitSeconds;
        }
        return switch (kind) {
            case "badge" -> 30;
            case "gpio" -> 10;
            default -> 0;
        };
    }

    private String badgeKey() throws ConfigException {
        if (config != null) {
            NodeConfig node = new ConfigLoader().load(config);
            if (node.badgeHashKey().isPresent()) {
                return node.badgeHashKey().get();
            }
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException e) {
            // a few bytes left in the temporary directory: nothing to tell the technician
        }
    }
}
