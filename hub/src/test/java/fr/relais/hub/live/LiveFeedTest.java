package fr.relais.hub.live;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.hub.alert.MutableClock;
import fr.relais.hub.auth.Caller;
import fr.relais.hub.auth.Role;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The feed without a hub: numbering, the ring and its limits, resuming, slow streams, sites. */
class LiveFeedTest {
    private static final String BOOT = "0a1b2c";
    private static final Caller ADMIN = new Caller("admin", Role.ADMIN, null, Caller.Via.SESSION, "s-admin");
    private static final Caller MONTCORNET = new Caller("maire", Role.VIEWER, "montcornet", Caller.Via.SESSION,
            "s-maire");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T08:00:00Z"));

    /** A socket the test fills or empties by hand. */
    private static final class FakeSink implements LiveClient.Sink {
        final List<String> written = new ArrayList<>();
        boolean full;
        boolean ended;
        Runnable drain;

        @Override
        public boolean full() {
            return full;
        }

        @Override
        public void write(String text) {
            written.add(text);
        }

        @Override
        public void onDrain(Runnable then) {
            drain = then;
        }

        @Override
        public void end() {
            ended = true;
        }

        void empty() {
            full = false;
            Runnable then = drain;
            drain = null;
            then.run();
        }

        List<String> types() {
            return written.stream().filter(frame -> frame.contains("event: "))
                    .map(frame -> frame.substring(frame.indexOf("event: ") + 7, frame.indexOf('\n',
                            frame.indexOf("event: ")))).toList();
        }
    }

    private LiveFeed feed(int ringEvents, int clientQueue) {
        return new LiveFeed(clock, BOOT, ringEvents, Duration.ofMinutes(10), clientQueue, 2);
    }

    private static JsonObject data(int n) {
        return new JsonObject().put("n", n);
    }

    private static List<Integer> numbers(LiveFeed.Resume resume) {
        assertThat(resume).isInstanceOf(LiveFeed.Resume.Replay.class);
        return ((LiveFeed.Resume.Replay) resume).events().stream()
                .map(event -> new JsonObject(event.json()).getInteger("n")).toList();
    }

    private static String reason(LiveFeed.Resume resume) {
        assertThat(resume).isInstanceOf(LiveFeed.Resume.Reset.class);
        return ((LiveFeed.Resume.Reset) resume).reason();
    }

    @Test
    void eventsAreNumberedWithinTheBootAndAResumeReplaysWhatFollowedOnly() {
        LiveFeed feed = feed(100, 10);
        assertThat(feed.position()).isEqualTo(BOOT + "-0");
        LiveEvent first = feed.append("event", "rozoy", data(1));
        feed.append("event", "rozoy", data(2));
        feed.append("event", "rozoy", data(3));
        assertThat(first.id()).isEqualTo(BOOT + "-1");
        assertThat(first.frame()).isEqualTo("id: " + BOOT + "-1\nevent: event\ndata: {\"n\":1}\n\n");
        assertThat(numbers(feed.after(BOOT + "-1"))).containsExactly(2, 3);
        assertThat(numbers(feed.after(BOOT + "-0"))).as("from before the first event").containsExactly(1, 2, 3);
        assertThat(numbers(feed.after(feed.position()))).as("up to date").isEmpty();
        assertThat(numbers(feed.after(null))).as("a new stream starts from now").isEmpty();
    }

    @Test
    void anotherBootAFutureIdOrGarbageGetAResetNeverAnError() {
        LiveFeed feed = feed(100, 10);
        feed.append("event", "rozoy", data(1));
        assertThat(reason(feed.after("ffffff-1"))).contains("another start of the hub");
        assertThat(reason(feed.after(BOOT + "-2"))).contains("never sent");
        for (String garbage : List.of("", "n'importe quoi", BOOT, BOOT + "-", BOOT + "--1", BOOT + "-99999999999999999999",
                "ABC-1", "<script>-1")) {
            assertThat(reason(feed.after(garbage))).as(garbage).contains("not an id of this channel");
        }
    }

    @Test
    void theRingKeepsItsLastEventsOnlyAndAnOlderIdIsReset() {
        LiveFeed feed = feed(5, 10);
        for (int n = 1; n <= 8; n++) {
            feed.append("event", "rozoy", data(n));
        }
        assertThat(feed.kept()).isEqualTo(5);
        assertThat(numbers(feed.after(BOOT + "-3"))).as("4 is the oldest kept: nothing lost after 3")
                .containsExactly(4, 5, 6, 7, 8);
        assertThat(reason(feed.after(BOOT + "-2"))).contains("older than the last 5 events");
    }

    @Test
    void theRingForgetsEventsOlderThanItsAge() {
        LiveFeed feed = feed(100, 10);
        feed.append("event", "rozoy", data(1));
        feed.append("event", "rozoy", data(2));
        clock.advance(Duration.ofMinutes(10).plusMillis(1));
        feed.append("event", "rozoy", data(3));
        assertThat(feed.kept()).isEqualTo(1);
        assertThat(reason(feed.after(BOOT + "-1"))).contains("10 minutes");
        assertThat(numbers(feed.after(BOOT + "-2"))).containsExactly(3);
        clock.advance(Duration.ofMinutes(11));
        assertThat(reason(feed.after(BOOT + "-2"))).as("everything after it has aged out").contains("older");
        assertThat(numbers(feed.after(BOOT + "-3"))).as("the last id seen: nothing missed").isEmpty();
    }

    @Test
    void aStreamStartsWithItsPositionThenWhatItMissedOrAReset() {
        LiveFeed feed = feed(100, 10);
        feed.append("event", "rozoy", data(1));
        feed.append("event", "rozoy", data(2));
        FakeSink resumed = new FakeSink();
        feed.attach(new LiveClient(ADMIN, resumed, 10), BOOT + "-1");
        assertThat(resumed.written).containsExactly("retry: 1000\nid: " + BOOT + "-2\n\n",
                "id: " + BOOT + "-2\nevent: event\ndata: {\"n\":2}\n\n");

        FakeSink lost = new FakeSink();
        feed.attach(new LiveClient(ADMIN, lost, 10), "ffffff-9");
        assertThat(lost.types()).containsExactly("reset");
        assertThat(lost.written.get(1)).startsWith("id: " + BOOT + "-2\nevent: reset\ndata: {\"reason\":");

        feed.append("event", "rozoy", data(3));
        assertThat(resumed.written).hasSize(3);
        assertThat(lost.written).as("after a reset, the stream goes on").hasSize(3);
    }

    @Test
    void aStreamTooFarBehindLosesItsQueueForOneReset() {
        LiveFeed feed = feed(100, 3);
        FakeSink slow = new FakeSink();
        LiveClient client = new LiveClient(ADMIN, slow, 3);
        feed.attach(client, null);
        slow.full = true;
        for (int n = 1; n <= 3; n++) {
            feed.append("event", "rozoy", data(n));
        }
        assertThat(client.queued()).isEqualTo(3);
        feed.append("event", "rozoy", data(4));
        assertThat(client.resets()).isEqualTo(1);
        assertThat(client.queued()).as("the queue is thrown away for the reset").isEqualTo(1);
        slow.empty();
        assertThat(slow.types()).containsExactly("reset");
        assertThat(slow.written.get(1)).startsWith("id: " + BOOT + "-4\nevent: reset")
                .contains("fell more than 3 events behind");
        feed.append("event", "rozoy", data(5));
        assertThat(slow.types()).containsExactly("reset", "event");
    }

    @Test
    void aSiteScopedCallerGetsItsOwnSitesEventsOnlyReplayIncluded() {
        LiveFeed feed = feed(100, 10);
        feed.append("event", "rozoy", data(1));
        feed.append("event", "montcornet", data(2));
        FakeSink viewer = new FakeSink();
        FakeSink admin = new FakeSink();
        feed.attach(new LiveClient(MONTCORNET, viewer, 10), BOOT + "-0");
        feed.attach(new LiveClient(ADMIN, admin, 10), BOOT + "-0");
        feed.append("alert", "rozoy", data(3));
        feed.append("alert", "montcornet", data(4));
        feed.append("alert", null, data(5)); // of no site: not a site-scoped caller's
        assertThat(viewer.written.stream().filter(frame -> frame.contains("data: ")))
                .containsExactly("id: " + BOOT + "-2\nevent: event\ndata: {\"n\":2}\n\n",
                        "id: " + BOOT + "-4\nevent: alert\ndata: {\"n\":4}\n\n");
        assertThat(admin.types()).containsExactly("event", "event", "alert", "alert", "alert");
    }

    @Test
    void aDevicesReadingsWithinTheCoalescingTimeMakeOneEventItsLatest() {
        LiveFeed feed = feed(100, 10);
        feed.coalesce("rozoy", "rozoy-pi", "printer-1", data(1));
        feed.coalesce("rozoy", "rozoy-pi", "probe-1", data(2));
        feed.coalesce("rozoy", "rozoy-pi", "printer-1", data(3));
        feed.coalesce("rozoy", "other-pi", "printer-1", data(4));
        feed.flushDevices();
        assertThat(numbers(feed.after(BOOT + "-0"))).containsExactly(3, 2, 4);
        feed.flushDevices();
        assertThat(feed.position()).as("nothing pending, nothing sent").isEqualTo(BOOT + "-3");
    }

    @Test
    void streamsAreCountedUpToTheMostAndALogoutEndsOne() {
        LiveFeed feed = feed(100, 10);
        assertThat(feed.admit()).isTrue();
        assertThat(feed.admit()).isTrue();
        assertThat(feed.admit()).as("the third of at most 2").isFalse();
        FakeSink sink = new FakeSink();
        LiveClient client = new LiveClient(ADMIN, sink, 10);
        feed.attach(client, null);
        feed.logout(client, "logged out");
        assertThat(sink.written.get(sink.written.size() - 1)).isEqualTo("event: logout\ndata: {\"reason\":\"logged out\"}\n\n");
        assertThat(sink.ended).isTrue();
        assertThat(feed.streams()).isZero();
        feed.detach(client); // then its socket closes: its place is given back once only
        assertThat(feed.admit()).isTrue();
        assertThat(feed.admit()).isFalse();
        feed.append("event", "rozoy", data(1));
        assertThat(sink.types()).as("nothing after the logout").containsExactly("logout");
    }

    @Test
    void eventsNobodyCanHearAreNotBuiltAndAResumeAcrossThemGetsAResetNeverAHole() {
        LiveFeed feed = feed(100, 10);
        assertThat(feed.heard()).as("no stream ever opened").isFalse();
        feed.unheard();
        feed.unheard();
        FakeSink first = new FakeSink();
        LiveClient client = new LiveClient(ADMIN, first, 10);
        feed.attach(client, null);
        assertThat(feed.heard()).isTrue();
        feed.append("event", "rozoy", data(1));
        String seen = feed.position();
        feed.detach(client);
        feed.append("event", "rozoy", data(2));
        clock.advance(Duration.ofMinutes(9));
        assertThat(feed.heard()).as("the stream that ended may still resume").isTrue();
        assertThat(numbers(feed.after(seen))).containsExactly(2);

        clock.advance(Duration.ofMinutes(2));
        assertThat(feed.heard()).as("ended more than the ring's age ago").isFalse();
        feed.unheard();
        feed.unheard();
        assertThat(feed.kept()).isZero();
        assertThat(reason(feed.after(seen))).contains("no live stream was open for over 10 minutes");
        FakeSink later = new FakeSink();
        feed.attach(new LiveClient(ADMIN, later, 10), null);
        String from = feed.position();
        feed.append("event", "rozoy", data(3));
        assertThat(numbers(feed.after(from))).as("after the gap, resumes as before").containsExactly(3);
        assertThat(later.written).hasSize(2);
    }
}
