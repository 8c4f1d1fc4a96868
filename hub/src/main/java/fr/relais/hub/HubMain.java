package fr.relais.hub;

import fr.relais.hub.alert.AlertRulesException;
import fr.relais.hub.alert.AlertRulesLoader;
import fr.relais.hub.auth.AuthSettings;
import fr.relais.hub.auth.TrustedProxies;
import fr.relais.hub.config.HubConfig;
import fr.relais.hub.config.PrivateSqliteFile;
import fr.relais.hub.db.Database;
import fr.relais.hub.ingest.IngestLimits;
import fr.relais.hub.ingest.MqttSettings;
import fr.relais.hub.telemetry.RetentionSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** Runs the hub until SIGTERM or Ctrl-C. */
@Command(name = "relais-hub", mixinStandardHelpOptions = true, versionProvider = HubMain.Version.class,
        description = "Runs the Relais hub: MQTT ingestion, registry, REST API and dashboard.")
public final class HubMain implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "" + HubConfig.DEFAULT_HTTP_PORT,
            description = "HTTP port of the API and dashboard (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--http-host", defaultValue = HubConfig.DEFAULT_HTTP_HOST,
            description = "Interface to serve HTTP on (default: ${DEFAULT-VALUE}); beyond loopback, only behind TLS.")
    private String httpHost;

    @Option(names = "--data", defaultValue = "data",
            description = "Directory of the default SQLite database, hub.db (default: ${DEFAULT-VALUE}).")
    private Path data;

    @Option(names = "--db", description = "JDBC URL of the database; overrides --data.")
    private String databaseUrl;

    @Option(names = "--mqtt", defaultValue = "tcp://127.0.0.1:1883",
            description = "Broker URL (default: ${DEFAULT-VALUE}).")
    private String mqttUrl;

    @Option(names = "--mqtt-client-id",
            description = "MQTT client id; keep it across restarts (default: relais-hub-{hub id}).")
    private String clientId;

    @Option(names = "--hub-id", description = "Names this hub among several sharing the work"
            + " (default: {host name}-{port}).")
    private String hubId;

    @Option(names = "--mqtt-share-group", defaultValue = MqttSettings.NO_SHARING,
            description = "MQTT shared-subscription group several hubs split the node messages in, e.g. "
                    + MqttSettings.DEFAULT_SHARE_GROUP + "; 'none' for plain subscriptions, which survive a"
                    + " Mosquitto 2.0 restart (default: ${DEFAULT-VALUE}).")
    private String shareGroup;

    @Option(names = "--raw-retention-days", defaultValue = "" + RetentionSettings.DEFAULT_RAW_DAYS,
            description = "Days raw telemetry is kept (default: ${DEFAULT-VALUE}).")
    private int rawRetentionDays;

    @Option(names = "--rollup-retention-days", defaultValue = "" + RetentionSettings.DEFAULT_ROLLUP_DAYS,
            description = "Days per-minute and per-hour rollups are kept (default: ${DEFAULT-VALUE}).")
    private int rollupRetentionDays;

    @Option(names = "--dead-letter-retention-days", defaultValue = "" + IngestLimits.DEFAULT_DEAD_LETTER_DAYS,
            description = "Days a dead letter is kept after it was last received (default: ${DEFAULT-VALUE}).")
    private int deadLetterRetentionDays;

    @Option(names = "--dead-letters-per-node", defaultValue = "" + IngestLimits.DEFAULT_DEAD_LETTERS_PER_NODE,
            description = "Dead letters kept per node at most, the oldest deleted first (default: ${DEFAULT-VALUE}).")
    private int deadLettersPerNode;

    @Option(names = "--max-seq-jump", defaultValue = "" + IngestLimits.DEFAULT_MAX_SEQ_JUMP,
            description = "A sequence number farther than this from its node's numbering starts a new numbering"
                    + " instead of counting lost messages (default: ${DEFAULT-VALUE}).")
    private long maxSeqJump;

    @Option(names = "--mqtt-username", description = "MQTT user name, if the broker wants one.")
    private String username;

    @Option(names = "--mqtt-password-env", defaultValue = "RELAIS_HUB_MQTT_PASSWORD",
            description = "Environment variable holding the MQTT password (default: ${DEFAULT-VALUE}).")
    private String passwordVariable;

    @Option(names = "--alert-rules", paramLabel = "FILE",
            description = "Alert rules and notifications (YAML) over the shipped defaults; see hub/README.md.")
    private Path alertRules;

    @Option(names = "--node-silence-seconds", defaultValue = "180",
            description = "A node not heard from for this long counts as offline, Last Will or not"
                    + " (default: ${DEFAULT-VALUE}, three of the 60 s telemetry intervals provisioning renders).")
    private long nodeSilenceSeconds;
    @Option(names = "--admin-password", description = "Password of the 'admin' account created at first start,"
            + " when the hub has no account yet (visible to other local users in the process list: prefer"
            + " --admin-password-env). Without it, one is generated and printed once.")
    private String adminPassword;

    @Option(names = "--admin-password-env", paramLabel = "VAR",
            description = "Environment variable holding the first start's admin password.")
    private String adminPasswordVariable;

    @Option(names = "--admin-token-file", paramLabel = "FILE",
            description = "Write a fresh bearer token of 'admin' to FILE (mode 600) at each start, revoking the one"
                    + " it held, for scripts and the demo.")
    private Path adminTokenFile;

    @Option(names = "--secure-cookies", negatable = true, description = "Mark the session cookie Secure (HTTPS"
            + " only), for a hub behind a TLS-terminating proxy. Default: on unless --http-host is loopback;"
            + " --no-secure-cookies for plain HTTP beyond loopback (not advised).")
    private Boolean secureCookies;

    @Option(names = "--trusted-proxy", paramLabel = "ADDR",
            description = "Address or CIDR block of a reverse proxy whose X-Forwarded-For names the client (for"
                    + " the login limiter and the audit); repeatable. From anyone else the header is ignored.")
    private List<String> trustedProxies = new ArrayList<>();

    @Option(names = "--admin-token-days", defaultValue = "7",
            description = "Days the token of --admin-token-file is valid (default: ${DEFAULT-VALUE}).")
    private int adminTokenDays;

    @Option(names = "--access-signing-key", paramLabel = "FILE",
            description = "The hub's Ed25519 PRIVATE KEY (PEM) signing the doors' access lists (provisioning's"
                    + " access-signing-key.pem). Without it the hub sends the doors no lists.")
    private Path accessSigningKey;

    @Option(names = "--example-content", description = "Load the example territory (communes, places' hours, the"
            + " van's tour) and example workshops into empty tables at start; what is built on them says it is an example.")
    private boolean exampleContent;

    @Option(names = "--example-history", paramLabel = "DAYS", defaultValue = "0",
            description = "Seed DAYS days of simulated occupancy and telemetry (and 13 months of broadband) before the"
                    + " hub's first start, marked simulated, for a demonstration; 0 to " + HubConfig.MAX_EXAMPLE_HISTORY_DAYS
                    + " (default: ${DEFAULT-VALUE}, none).")
    private int exampleHistoryDays;

    @Option(names = "--public-url", paramLabel = "URL", description = "The hub's address as the public reaches it,"
            + " for the calendar links shown on the kiosks (default: http://{http-host}:{port}).")
    private String publicUrl;

    public static void main(String[] args) {
        System.exit(new CommandLine(new HubMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        String url = databaseUrl != null ? databaseUrl : Database.sqliteUrl(data.resolve("hub.db"));
        String id = clientId != null ? clientId
                : MqttSettings.defaultClientId(Optional.ofNullable(hubId), hostName(), port);
        if (nodeSilenceSeconds < 1 || nodeSilenceSeconds > 86_400) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--node-silence-seconds must be between 1 and 86400, got " + nodeSilenceSeconds);
        }
        HubConfig config;
        try {
            MqttSettings mqtt = new MqttSettings(mqttUrl, id, Optional.ofNullable(username),
                    Optional.ofNullable(System.getenv(passwordVariable)), shareGroup);
            config = new HubConfig(httpHost, port, url, mqtt, Optional.ofNullable(alertRules),
                    Duration.ofSeconds(nodeSilenceSeconds), RetentionSettings.ofDays(rawRetentionDays, rollupRetentionDays),
                    authSettings(), IngestLimits.of(maxSeqJump, deadLetterRetentionDays, deadLettersPerNode),
                    Optional.ofNullable(accessSigningKey)).withExampleContent(exampleContent).withPublicUrl(publicUrl)
                    .withExampleHistory(exampleHistoryDays);
            if (accessSigningKey != null) {
                // A key given but unreadable stops the hub here, with the file named, not in a stack trace.
                fr.relais.hub.access.AccessSigningKey.load(Optional.of(accessSigningKey));
            }
        } catch (IllegalArgumentException e) {
            System.err.println("relais-hub: " + e.getMessage());
            return 2;
        }
        Path sqliteFile = PrivateSqliteFile.of(url);
        Hub hub;
        try {
            if (sqliteFile != null) {
                // Created private before SQLite creates it readable by all: it holds password hashes.
                // The rules are read first, so that a bad rule file leaves nothing behind.
                new AlertRulesLoader(System.getenv()).load(Optional.ofNullable(alertRules));
                PrivateSqliteFile.prepare(sqliteFile);
            }
            hub = Hub.start(config);
        } catch (java.io.IOException e) {
            System.err.println("relais-hub: cannot make the database file " + sqliteFile + " private: " + e);
            return 2;
        } catch (AlertRulesException e) {
            // The message names the file, the rule and the field: a stack trace would only hide it.
            System.err.println("relais-hub: invalid alert rules: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hub.close();
            stopped.countDown();
        }, "hub-shutdown"));
        System.out.println("Relais hub: dashboard and API on http://" + httpHost + ":" + hub.httpPort() + "/");
        stopped.await();
        return 0;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    private AuthSettings authSettings() {
        Optional<String> password = Optional.ofNullable(adminPassword);
        if (adminPasswordVariable != null) {
            String fromEnvironment = System.getenv(adminPasswordVariable);
            if (fromEnvironment == null || fromEnvironment.isEmpty()) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "--admin-password-env: the variable " + adminPasswordVariable + " is not set");
            }
            password = password.or(() -> Optional.of(fromEnvironment));
        }
        AuthSettings settings;
        try {
            boolean secure = secureCookies != null ? secureCookies : AuthSettings.secureCookiesByDefault(httpHost);
            if (secureCookies == null && secure) {
                System.out.println("Relais hub: the session cookie is Secure (the hub listens beyond loopback):"
                        + " reach the dashboard through HTTPS, or pass --no-secure-cookies");
            }
            if (adminTokenDays < 1 || adminTokenDays > 3650) {
                throw new IllegalArgumentException("--admin-token-days must be between 1 and 3650, got " + adminTokenDays);
            }
            settings = password.map(AuthSettings::withAdminPassword).orElse(AuthSettings.DEFAULTS)
                    .withSecureCookies(secure)
                    .withTrustedProxies(TrustedProxies.of(trustedProxies))
                    .withAdminTokenLifetime(Duration.ofDays(adminTokenDays));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        return adminTokenFile == null ? settings : settings.withAdminTokenFile(adminTokenFile);
    }

    static String version() {
        String version = HubMain.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /** Prints the hub's version for {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"relais-hub " + version()};
        }
    }
}
