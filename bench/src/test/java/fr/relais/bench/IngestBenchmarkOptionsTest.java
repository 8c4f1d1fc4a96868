package fr.relais.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code bench ingest}'s --profile option, without starting mosquitto or the hub. */
class IngestBenchmarkOptionsTest {
    @Test
    void profileIsOffUnlessAskedAndTakesTheRecordingsFile() {
        IngestBenchmark plain = new IngestBenchmark();
        new CommandLine(plain).parseArgs();
        assertThat(plain.profile).isNull();
        assertThat(plain.nodes).isEqualTo(200);

        IngestBenchmark asked = new IngestBenchmark();
        new CommandLine(asked).parseArgs("--nodes", "100", "--profile", "/tmp/ingest.jfr");
        assertThat(asked.profile).isEqualTo(Path.of("/tmp/ingest.jfr"));
        assertThat(asked.nodes).isEqualTo(100);
    }

    @Test
    void theHelpNamesTheOption() {
        String usage = new CommandLine(new IngestBenchmark()).getUsageMessage();
        assertThat(usage).contains("--profile=FILE").contains("JDK Flight Recorder");
    }
}
