package fr.relais.agent.device.badge;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.Reading;
import fr.relais.protocol.Health;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** From decoded frames to events and counters: hashing, folding repeats, bounding refusals, health. */
class BadgeFeedTest {
    private static final Instant T0 = Instant.parse("2026-12-04T09:00:00Z");
    private static final BadgeHasher HASHER = BadgeHasher.forTests();

    private final ReaderCounters counters = new ReaderCounters();
    private final RecordingSink sink = new RecordingSink();
    private final BadgeFeed feed = new BadgeFeed("badge-1", "rdm6300", HASHER, counters, sink);

    {
        counters.connected();
    }

    private void badge(String number, Instant at) {
        feed.deliver(List.of(DecodedFrame.badge(number)), at);
    }

    @Test
    void aReadIsSentAsTheHashOnly() {
        badge("0004213370", T0);

        assertThat(sink.events()).hasSize(1);
        DeviceEvent event = sink.events().get(0);
        assertThat(event.type()).isEqualTo(BadgeEvents.READ);
        assertThat(event.data()).containsEntry("badgeHash", HASHER.hash("4213370")).containsEntry("format", "rdm6300");
        assertThat(event.toString()).doesNotContain("4213370");
    }

    @Test
    void repeatsOfOneCardWithinASecondAreOneEventWhileItLiesOnTheReader() {
        // An RDM6300 repeats its frame every ~100 ms while the card is there, for 3 s here.
        for (int i = 0; i < 30; i++) {
            badge("0004213370", T0.plusMillis(100L * i));
        }
        // Taken away, presented again 2 s later: a new read.
        badge("0004213370", T0.plusMillis(2_900 + 2_000));

        assertThat(sink.events(BadgeEvents.READ)).hasSize(2);
        assertThat(counters.reading(T0.plusSeconds(5)).metrics())
                .containsEntry("framesRead", 31L).containsEntry("repeatsFolded", 29L);
    }

    @Test
    void anotherCardIsNeverFolded() {
        badge("0004213370", T0);
        badge("0004213371", T0.plusMillis(100));
        badge("0004213370", T0.plusMillis(200));

        assertThat(sink.events(BadgeEvents.READ)).hasSize(3);
    }

    @Test
    void refusalsAreEventsWithTheirReasonAndCounted() {
        feed.deliver(List.of(DecodedFrame.rejected("bad checksum")), T0);

        assertThat(sink.events(BadgeEvents.REJECTED)).singleElement()
                .satisfies(event -> assertThat(event.data()).containsEntry("reason", "bad checksum"));
        assertThat(counters.reading(T0).metrics()).containsEntry("rejectedFrames", 1L);
    }

    @Test
    void aNoisyReaderSendsAtMostTenRefusalsAMinuteButCountsThemAll() {
        for (int i = 0; i < 100; i++) {
            feed.deliver(List.of(DecodedFrame.rejected("bytes outside a frame")), T0.plusMillis(100L * i));
        }
        assertThat(sink.events(BadgeEvents.REJECTED)).hasSize(BadgeFeed.REJECT_EVENTS_PER_MINUTE);
        feed.deliver(List.of(DecodedFrame.rejected("bytes outside a frame")), T0.plusSeconds(61));
        assertThat(sink.events(BadgeEvents.REJECTED)).hasSize(BadgeFeed.REJECT_EVENTS_PER_MINUTE + 1);
        assertThat(counters.reading(T0.plusSeconds(61)).metrics())
                .containsEntry("rejectedFrames", 101L).containsEntry("rejectsNotReported", 90L);
    }

    @Test
    void manyRefusalsMakeAWarningThatPassesWithTime() {
        for (int i = 0; i < ReaderCounters.REJECTS_FOR_WARNING; i++) {
            feed.deliver(List.of(DecodedFrame.rejected("bad checksum")), T0.plusSeconds(i));
        }
        Reading warned = counters.reading(T0.plusSeconds(10));
        assertThat(warned.health()).isEqualTo(Health.WARNING);
        assertThat(warned.metrics()).containsEntry("error", "5 frames rejected in the last 10 min");

        assertThat(counters.reading(T0.plusSeconds(11 * 60)).health()).isEqualTo(Health.OK);
    }

    @Test
    void anUnpluggedReaderIsCriticalWithItsReason() {
        counters.unplugged("end of stream on /dev/input/by-id/usb-reader-event-kbd");
        Reading reading = counters.reading(T0);
        assertThat(reading.health()).isEqualTo(Health.CRITICAL);
        assertThat(reading.metrics()).containsEntry("connected", false).containsEntry("unplugs", 1L)
                .containsEntry("error", "reader unplugged (end of stream on /dev/input/by-id/usb-reader-event-kbd)");
        counters.connected();
        assertThat(counters.reading(T0).health()).isEqualTo(Health.OK);
    }

    @Test
    void theAgeOfTheLastReadIsReportedOnceThereIsOne() {
        assertThat(counters.reading(T0).metrics()).doesNotContainKey("lastReadAgeSeconds");
        badge("0004213370", T0);
        assertThat(counters.reading(T0.plusSeconds(42)).metrics()).containsEntry("lastReadAgeSeconds", 42L)
                .containsEntry("connected", true).containsEntry("framesRead", 1L);
    }
}
