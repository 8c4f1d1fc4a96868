package fr.relais.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code bench live}'s options, and what {@code --browser} needs, without starting a hub or a
 * browser (the run itself is {@code ./relais bench live --browser}, whose figures are in the notes).
 */
class LiveBenchmarkOptionsTest {
    @Test
    void browserIsOffUnlessAskedAndParsesWithTheOtherOptions() {
        LiveBenchmark plain = new LiveBenchmark();
        new CommandLine(plain).parseArgs();
        assertThat(plain.browser).isFalse();
        assertThat(plain.events).isEqualTo(500);
        assertThat(plain.rate).isEqualTo(20);

        LiveBenchmark asked = new LiveBenchmark();
        new CommandLine(asked).parseArgs("--events", "200", "--browser", "--rate", "10");
        assertThat(asked.browser).isTrue();
        assertThat(asked.events).isEqualTo(200);
        assertThat(asked.rate).isEqualTo(10);
    }

    @Test
    void aMissingChromiumIsSaidWithHowToInstallItAndTheBenchExitsWithTwo() {
        assertThat(LiveBrowser.missing(List.of(Path.of("/nonexistent/chromium"))))
                .hasValue("/nonexistent/chromium is missing: apt-get install chromium chromium-driver");
        LiveBenchmark bench = new LiveBenchmark();
        bench.browserPrograms = List.of(Path.of("/nonexistent/chromium"), LiveBrowser.CHROMEDRIVER);
        assertThat(new CommandLine(bench).execute("--browser", "--events", "10"))
                .as("exits before starting mosquitto or the hub").isEqualTo(2);
    }

    @Test
    void theNextPageOfTheEventsIsFollowedFromTheLinkHeader() {
        URI first = URI.create("http://127.0.0.1:8080/api/events?node=n&limit=1000");
        assertThat(LiveBrowser.nextLink(first, "</api/events?node=n&limit=1000&cursor=abc>; rel=\"next\""))
                .isEqualTo("http://127.0.0.1:8080/api/events?node=n&limit=1000&cursor=abc");
        assertThat(LiveBrowser.nextLink(first, null)).isNull();
    }
}
