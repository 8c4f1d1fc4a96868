package fr.relais.agent.localapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.agent.config.KioskApiSettings;
import fr.relais.agent.content.ContentSamples;
import fr.relais.protocol.Event;
import fr.relais.protocol.content.PlaceContentCodec;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queue tickets: numbered per local day on the node, across a restart and midnight, queued offline, printed. */
class KioskTicketsTest {
    /** 23:58 in Paris (UTC+1 in December). */
    static final Instant LATE = Instant.parse("2026-12-07T22:58:00Z");

    @TempDir
    Path dir;
    KioskRig rig;

    @AfterEach
    void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    JsonNode take(String topic) throws Exception {
        var response = rig.post("/kiosk/v1/tickets", "{\"topic\":\"" + topic + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return KioskRig.json(response);
    }

    @Test
    void numbersFollowEachOtherAcrossARestartAndStartAgainAtOneAfterMidnight() throws Exception {
        rig = new KioskRig(dir, LATE).start();
        JsonNode first = take("caf");
        JsonNode second = take("impots");
        assertThat(first.path("number").asInt()).isEqualTo(1);
        assertThat(first.path("label").asText()).isEqualTo("C1");
        assertThat(second.path("label").asText()).isEqualTo("I2");
        assertThat(first.path("takenAt").asText()).isEqualTo("2026-12-07T23:58:00+01:00");

        rig.close();
        rig.start();
        assertThat(take("sante").path("label").asText()).as("after a restart").isEqualTo("S3");

        rig.clock.advance(Duration.ofMinutes(3));
        JsonNode tomorrow = take("caf");
        assertThat(tomorrow.path("label").asText()).as("00:01 the next day, Paris time").isEqualTo("C1");
        List<Event> events = rig.outboxEvents("ticket-taken", 2);
        assertThat(events.get(events.size() - 1).data()).containsEntry("day", "2026-12-08").containsEntry("number", 1L);
    }

    @Test
    void ticketsTakenAtTheSameTimeWhileTheOutboxWritesGetEachTheirOwnNumber() throws Exception {
        rig = new KioskRig(dir, LATE).start();
        List<CompletableFuture<JsonNode>> taken = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            taken.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return take("autre");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<Integer> numbers = new java.util.ArrayList<>();
        for (CompletableFuture<JsonNode> ticket : taken) {
            numbers.add(ticket.get().path("number").asInt());
        }
        assertThat(numbers).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, 20)
                .boxed().toList());
        assertThat(rig.outboxEvents("ticket-taken", 20)).hasSize(20);
    }

    @Test
    void ticketsTakenOfflineWaitInTheOutboxWithWhatTheHubNeeds() throws Exception {
        rig = new KioskRig(dir, LATE).start();
        rig.linkUp.set(false);
        JsonNode ticket = take("france-travail");

        Event event = rig.outboxEvents("ticket-taken", 1).get(0);
        assertThat(event.device()).contains("borne");
        assertThat(event.data()).containsEntry("ticket", ticket.path("ticket").asText())
                .containsEntry("number", 1L).containsEntry("label", "F1").containsEntry("topic", "france-travail")
                .containsEntry("day", "2026-12-07").containsEntry("takenAt", "2026-12-07T22:58:00Z");
        assertThat(ticket.path("printed").asBoolean()).as("no printer configured").isFalse();
    }

    @Test
    void aheadAndTheWaitComeFromTheContentsQueueAndTheTicketsTakenSince() throws Exception {
        Instant morning = Instant.parse("2026-12-07T09:00:00Z");
        rig = new KioskRig(dir, morning).start();
        take("caf");
        rig.feed.deliver(PlaceContentCodec.encode(ContentSamples.content(KioskRig.SITE, 10,
                morning.plusSeconds(60), 3, 300, ContentSamples.list())));
        rig.clock.advance(Duration.ofMinutes(2));

        JsonNode next = take("caf");
        JsonNode after = take("retraite");
        assertThat(next.path("ahead").asInt()).as("the hub's 3 waiting").isEqualTo(3);
        assertThat(next.path("estimatedWaitMinutes").asInt()).isEqualTo(15);
        assertThat(after.path("ahead").asInt()).as("and the ticket taken here since").isEqualTo(4);
        assertThat(after.path("estimatedWaitMinutes").asInt()).isEqualTo(20);
    }

    @Test
    void withoutContentTodayEveryTicketTakenHereCountsTenMinutes() throws Exception {
        rig = new KioskRig(dir, LATE.minus(Duration.ofHours(10))).start();
        take("caf");
        take("caf");
        JsonNode third = take("caf");
        assertThat(third.path("ahead").asInt()).isEqualTo(2);
        assertThat(third.path("estimatedWaitMinutes").asInt()).isEqualTo(20);
    }

    @Test
    void aNetworkPrinterReceivesTheTicketInEscPos() throws Exception {
        try (ServerSocket printer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try (Socket socket = printer.accept(); InputStream in = socket.getInputStream()) {
                    return in.readAllBytes();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            rig = new KioskRig(dir, LATE);
            rig.printer = Optional.of(new KioskApiSettings.NetworkPrinter("127.0.0.1", printer.getLocalPort()));
            rig.start();

            JsonNode ticket = take("papiers");

            assertThat(ticket.path("printed").asBoolean()).isTrue();
            byte[] bytes = received.get();
            assertThat(bytes).startsWith(0x1B, '@');
            assertThat(bytes).endsWith(0x1D, 'V', 66, 0);
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            assertThat(text).contains("P1").contains("07/12/2026 à 23 h 58".replace("à", new String(
                    TicketPrinter.encode("à"), StandardCharsets.ISO_8859_1)));
        }
    }

    @Test
    void aPrinterThatDoesNotAnswerLeavesTheTicketValidButNotPrinted() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        rig = new KioskRig(dir, LATE);
        rig.printer = Optional.of(new KioskApiSettings.NetworkPrinter("127.0.0.1", closedPort));
        rig.start();

        JsonNode ticket = take("caf");

        assertThat(ticket.path("printed").asBoolean()).isFalse();
        assertThat(ticket.path("label").asText()).isEqualTo("C1");
        await().atMost(Duration.ofSeconds(20)).until(() -> rig.events("ticket-taken").size() == 1);
    }
}
