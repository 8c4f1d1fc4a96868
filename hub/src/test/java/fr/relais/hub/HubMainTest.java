package fr.relais.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class HubMainTest {
    @Test
    void aBadRuleFileEndsTheHubWithItsMessageBeforeAnythingStarts(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("alert-rules.yaml");
        Files.writeString(rules, "overrides:\n  - rule: printer-toner-low\n    treshold: 5\n");
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new HubMain()).execute("--alert-rules", rules.toString(), "--data",
                    dir.resolve("data").toString(), "--port", "0");
        } finally {
            System.setErr(stderr);
        }
        assertThat(exit).isEqualTo(2);
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("invalid alert rules")
                .contains("alert-rules.yaml").contains("treshold: unknown field");
        assertThat(dir.resolve("data")).as("no database was created").doesNotExist();
    }

    @Test
    void anUnreadableAccessSigningKeyEndsTheHubNamingTheFileBeforeAnythingStarts(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("access-signing-key.pem"), "not a key\n");
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new HubMain()).execute("--access-signing-key", key.toString(), "--data",
                    dir.resolve("data").toString(), "--port", "0");
        } finally {
            System.setErr(stderr);
        }
        assertThat(exit).isEqualTo(2);
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("access-signing-key.pem")
                .contains("not an Ed25519 PRIVATE KEY PEM");
        assertThat(dir.resolve("data")).as("no database was created").doesNotExist();
    }

    @Test
    void aSilenceTimeoutOutOfRangeIsRefused(@TempDir Path dir) {
        PrintStream stderr = System.err;
        try {
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertThat(new CommandLine(new HubMain()).execute("--node-silence-seconds", "0", "--data",
                    dir.toString())).isEqualTo(2);
        } finally {
            System.setErr(stderr);
        }
    }

    @Test
    void aTrustedProxyThatIsNotAnAddressIsRefusedBeforeAnythingStarts(@TempDir Path dir) {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new HubMain()).execute("--trusted-proxy", "proxy.example.org", "--data",
                    dir.resolve("data").toString(), "--port", "0");
        } finally {
            System.setErr(stderr);
        }
        assertThat(exit).isEqualTo(2);
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("'proxy.example.org' is not an IP address or CIDR block");
        assertThat(dir.resolve("data")).as("no database was created").doesNotExist();
    }

    @Test
    void limitsOnSequenceJumpsAndDeadLettersOutOfRangeAreRefused(@TempDir Path dir) {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            assertThat(new CommandLine(new HubMain()).execute("--max-seq-jump", "0", "--data", dir.toString()))
                    .isEqualTo(2);
            assertThat(new CommandLine(new HubMain()).execute("--dead-letters-per-node", "0", "--data",
                    dir.toString())).isEqualTo(2);
            assertThat(new CommandLine(new HubMain()).execute("--dead-letter-retention-days", "0", "--data",
                    dir.toString())).isEqualTo(2);
        } finally {
            System.setErr(stderr);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("sequence jump", "dead letters per node",
                "dead letters are kept");
        assertThat(dir.resolve("hub.db")).as("nothing was started").doesNotExist();
    }
}
