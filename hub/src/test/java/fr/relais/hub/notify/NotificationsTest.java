package fr.relais.hub.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import fr.relais.protocol.Severity;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** E-mail into an in-process SMTP server (GreenMail), webhooks into a real local HTTP server. */
class NotificationsTest {
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final Duration QUICK_RETRY = Duration.ofMillis(50);
    private Vertx vertx;
    private HttpServer webhookServer;
    private final List<JsonObject> posted = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToAnswer = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        webhookServer = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            requests.incrementAndGet();
            if (failuresToAnswer.getAndDecrement() > 0) {
                request.response().setStatusCode(503).end();
                return;
            }
            posted.add(body.toJsonObject());
            request.response().setStatusCode(204).end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Notice.Alert alert(String severity) {
        return new Notice.Alert("0195a1b2-0000-7000-8000-000000000001", "printer-toner-low/montcornet-pi/printer-1",
                "printer-toner-low", "montcornet", "montcornet-pi", "printer-1", "printer", severity, "open", false,
                "Toner de l'imprimante presque vide : tonerPercent vaut 8 (alerte si <= 10)", 1_764_320_400_000L, 1_764_320_400_000L, null, null,
                null, null, null, null);
    }

    private SmtpSettings smtp(int port) {
        return new SmtpSettings("127.0.0.1", port, false, SmtpSettings.StartTls.DISABLED, Optional.empty(),
                Optional.empty(), "Relais <alertes@relais.example>");
    }

    private URI webhook() {
        return URI.create("http://127.0.0.1:" + webhookServer.actualPort() + "/hooks/relais");
    }

    @Test
    void eachTechnicianGetsTheSeveritiesTheyAskedFor() throws Exception {
        Notifications notifications = new Notifications(vertx, new NotificationSettings(3, QUICK_RETRY,
                Optional.of(smtp(MAIL.getSmtp().getPort())), List.of(
                        new Recipient("camille", Optional.of("camille@relais.example"), Optional.empty(),
                                Set.of(Severity.WARNING, Severity.CRITICAL)),
                        new Recipient("lou", Optional.of("lou@relais.example"), Optional.of(webhook()),
                                Set.of(Severity.CRITICAL)))));
        notifications.notify(new Notice(Notice.Kind.OPENED, alert("warning")));
        await().atMost(Duration.ofSeconds(20)).until(() -> MAIL.getReceivedMessages().length == 1);
        MimeMessage mail = MAIL.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("camille@relais.example");
        assertThat(mail.getSubject()).isEqualTo("[Relais à surveiller] montcornet / montcornet-pi / printer-1 : printer-toner-low");
        // Decoded: the French text travels quoted-printable.
        assertThat(mail.getContent().toString()).contains("tonerPercent vaut 8").contains("Lieu : montcornet")
                .contains("Gravité : à surveiller").contains("(heure de Paris)");

        notifications.notify(new Notice(Notice.Kind.OPENED, alert("critical")));
        await().atMost(Duration.ofSeconds(20)).until(() -> MAIL.getReceivedMessages().length == 3 && posted.size() == 1);
        assertThat(posted.get(0).getString("event")).isEqualTo("opened");
        assertThat(posted.get(0).getJsonObject("alert").getString("rule")).isEqualTo("printer-toner-low");
        assertThat(posted.get(0).getJsonObject("alert").getString("severity")).isEqualTo("critical");
        notifications.close();
    }

    @Test
    void aFailingWebhookIsTriedAgainAndADeadMailServerIsGivenUpWithoutBlocking() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        failuresToAnswer.set(2);
        Notifications notifications = new Notifications(vertx, new NotificationSettings(3, QUICK_RETRY,
                Optional.of(smtp(deadPort)), List.of(new Recipient("camille", Optional.of("camille@relais.example"),
                        Optional.of(webhook()), Set.of(Severity.CRITICAL)))));
        notifications.notify(new Notice(Notice.Kind.OPENED, alert("critical")));
        await().atMost(Duration.ofSeconds(20)).until(() -> posted.size() == 1);
        assertThat(requests.get()).as("two 503s, then delivered").isEqualTo(3);
        await().atMost(Duration.ofSeconds(20)).until(() -> notifications.givenUp() == 1);
        assertThat(notifications.delivered()).isEqualTo(1);
        notifications.close();
    }
}
