package fr.relais.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code bench ingest}'s options and its line, without starting mosquitto or the hub. */
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
    void theRawPipeRunsUnlessSkippedAndThePacingWindowHasADefault() {
        IngestBenchmark plain = new IngestBenchmark();
        new CommandLine(plain).parseArgs();
        assertThat(plain.noRaw).isFalse();
        assertThat(plain.pacingWindow).isEqualTo(Pacing.DEFAULT_WINDOW);

        IngestBenchmark skipped = new IngestBenchmark();
        new CommandLine(skipped).parseArgs("--messages-per-node", "50000", "--no-raw", "--pacing-window", "250000");
        assertThat(skipped.noRaw).isTrue();
        assertThat(skipped.pacingWindow).isEqualTo(250_000);
        assertThat(skipped.messagesPerNode).isEqualTo(50_000);
    }

    @Test
    void theBareSubscriberUsesTheHubsClientUnlessPahoIsAskedAndNothingElseIsTaken() {
        IngestBenchmark plain = new IngestBenchmark();
        new CommandLine(plain).parseArgs();
        assertThat(plain.rawClient).isEqualTo(RawSubscriber.Client.VERTX);

        IngestBenchmark paho = new IngestBenchmark();
        new CommandLine(paho).parseArgs("--raw-client", "paho");
        assertThat(paho.rawClient).isEqualTo(RawSubscriber.Client.PAHO);

        assertThatThrownBy(() -> new CommandLine(new IngestBenchmark()).parseArgs("--raw-client", "hivemq"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("paho or vertx");
    }

    @Test
    void theLineKeepsItsFieldsInOrderAndEndsWithTheColdRateAndTheDatabaseSize() {
        HubPhase.Figures hub = hub(400_000, 20.0, 40_000, 4.0, 150L * 1024 * 1024);
        RawPipePhase.Figures raw = new RawPipePhase.Figures(pass(400_000), 400_000, 10.0, new long[] {5},
                new Arrivals.Outcome(400_000, true, 0, false));

        assertThat(IngestBenchmark.line(hub, raw, 0)).isEqualTo("ingest: sent=400000 stored=400000 lost=0"
                + " duplicates_dropped=0 msgs_per_s=20000 raw_pipe_msgs_per_s=40000 ratio=0.50 p99_latency_ms=7"
                + " dead_letters=0 db_restarts=0 cold_msgs_per_s=10000 db_mb=150.0");
    }

    @Test
    void withoutTheRawPipeItsRateAndTheRatioAreNotApplicable() {
        HubPhase.Figures hub = hub(10_000_000, 500.0, 40_000, 8.0, 3L * 1024 * 1024 * 1024);

        assertThat(IngestBenchmark.line(hub, null, 0)).isEqualTo("ingest: sent=10000000 stored=10000000 lost=0"
                + " duplicates_dropped=0 msgs_per_s=20000 raw_pipe_msgs_per_s=n/a ratio=n/a p99_latency_ms=7"
                + " dead_letters=0 db_restarts=0 cold_msgs_per_s=5000 db_mb=3072.0");
    }

    @Test
    void theWarmUpPassesAddUpAndWhatTheyLostIsSeen() {
        HubPhase.WarmUp first = new HubPhase.WarmUp(pass(40_000), 4.0, 1, 40_000, -1, 200, 40_000);
        HubPhase.WarmUp two = first.next(40_000, 200, 80_000).stored(79_990);
        assertThat(two.passes()).isEqualTo(2);
        assertThat(two.lastSeq()).as("the measured pass numbers on from 401").isEqualTo(400);
        assertThat(two.lost()).isEqualTo(10);
        assertThat(two.perSecond()).as("the cold rate is the first pass's").isEqualTo(10_000.0);
    }

    private static HubPhase.Figures hub(long stored, double seconds, long warmSent, double warmSeconds, long dbBytes) {
        return new HubPhase.Figures(pass(stored), stored, 0, 0, seconds, new long[] {3, 7},
                new Arrivals.Outcome(stored, true, 0, false), new HubCpu(0, 0), 0, 0,
                new HubPhase.WarmUp(pass(warmSent), warmSeconds, 1, warmSent, warmSent, 200, warmSent), dbBytes, 0);
    }

    private static TelemetryPass.Result pass(long sent) {
        return new TelemetryPass.Result(sent, 0, 0, 1, true, 0);
    }

    @Test
    void theHelpNamesTheOption() {
        String usage = new CommandLine(new IngestBenchmark()).getUsageMessage();
        assertThat(usage).contains("--profile=FILE").contains("JDK Flight Recorder").contains("--no-raw")
                .contains("cold_msgs_per_s=C db_mb=M");
    }
}
