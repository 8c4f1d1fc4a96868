package fr.relais.agent.device.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Names resolved through the system's resolver, within a bound, however the resolver behaves. */
class NameLookupTest {
    @Test
    void localhostResolvesAndAnInvalidNameFails() throws Exception {
        try (NameLookup lookup = NameLookup.system("test")) {
            Map<String, Lookup> results = lookup.resolveAll(List.of("localhost", "relais-probe.invalid", "localhost"),
                    Duration.ofSeconds(10));

            assertThat(results).containsOnlyKeys("localhost", "relais-probe.invalid");
            Lookup localhost = results.get("localhost");
            assertThat(localhost.address()).get().matches(InetAddress::isLoopbackAddress);
            assertThat(localhost.millis()).get().matches(ms -> ms >= 0);
            // RFC 6761: a resolver answers "no such name" for .invalid; without any DNS server it times out.
            Lookup invalid = results.get("relais-probe.invalid");
            assertThat(invalid.succeeded()).isFalse();
            assertThat(invalid.failure()).get().extracting(Failure::kind)
                    .isIn(FailureKind.UNRESOLVED, FailureKind.TIMEOUT);
        }
    }

    /**
     * A resolver that never answers costs each poll its bound, not more, and at most
     * {@link NameLookup#MAX_PENDING} threads: the names beyond are failed at once.
     */
    @Test
    void aResolverThatNeverAnswersIsGivenUpAndCannotPileThreadsUp() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (NameLookup lookup = new NameLookup(name -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new java.net.UnknownHostException(name);
        }, "test")) {
            List<String> names = IntStream.range(0, NameLookup.MAX_PENDING + 2).mapToObj(i -> "name" + i + ".example").toList();

            Map<String, Lookup> results = lookup.resolveAll(names, Duration.ofMillis(200));

            assertThat(results.values()).allSatisfy(result ->
                    assertThat(result.failure()).get().extracting(Failure::kind).isEqualTo(FailureKind.TIMEOUT));
            assertThat(results.values()).filteredOn(result -> result.failure().orElseThrow().detail()
                    .contains("earlier lookups still wait")).hasSize(2);
        } finally {
            never.countDown();
        }
    }
}
