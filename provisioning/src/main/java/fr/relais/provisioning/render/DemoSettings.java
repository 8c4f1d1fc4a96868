package fr.relais.provisioning.render;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the demo decides for every node: which broker to reach and how often to report.
 *
 * @param telemetryIntervalSeconds short by default so that the demo's dashboard moves
 * @param accessPublicKey          the demo hub's key for the doors' lists (X.509, base64), rendered
 *                                 into the door nodes' {@code access.publicKey}; none: no lists
 */
public record DemoSettings(String brokerUrl, int telemetryIntervalSeconds, Optional<String> accessPublicKey) {
    public static final int DEFAULT_TELEMETRY_INTERVAL_SECONDS = 5;
    /** The agent's own limits; a value it would refuse is refused here, before any file is written. */
    public static final int MIN_TELEMETRY_INTERVAL_SECONDS = 1;
    public static final int MAX_TELEMETRY_INTERVAL_SECONDS = 86_400;
    private static final Pattern BROKER_URL = Pattern.compile("(tcp|ssl)://[^\\s/]+:\\d{1,5}");

    public DemoSettings(String brokerUrl, int telemetryIntervalSeconds) {
        this(brokerUrl, telemetryIntervalSeconds, Optional.empty());
    }

    public DemoSettings {
        Objects.requireNonNull(accessPublicKey, "accessPublicKey");
        String problem = brokerUrlProblem(brokerUrl);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (telemetryIntervalSeconds < MIN_TELEMETRY_INTERVAL_SECONDS
                || telemetryIntervalSeconds > MAX_TELEMETRY_INTERVAL_SECONDS) {
            throw new IllegalArgumentException("the telemetry interval must be between " + MIN_TELEMETRY_INTERVAL_SECONDS
                    + " and " + MAX_TELEMETRY_INTERVAL_SECONDS + " seconds, got " + telemetryIntervalSeconds);
        }
    }

    /** Why the agent would refuse {@code url}, or {@code null}. */
    public static String brokerUrlProblem(String url) {
        return url != null && BROKER_URL.matcher(url).matches()
                ? null
                : "broker URL '" + url + "' must look like tcp://host:1883 or ssl://host:8883";
    }
}
