package fr.relais.hub.notify;

import fr.relais.protocol.Severity;
import fr.relais.protocol.WireValue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each notice to the technicians who want its severity, by e-mail and by webhook, on
 * Vert.x's non-blocking clients: a slow or dead mail server never holds up the evaluator, the
 * API or ingestion. A failed delivery is tried again a few times, further apart each time, then
 * given up and logged.
 */
public final class Notifications implements Notifier, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

    private final Vertx vertx;
    private final NotificationSettings settings;
    private final EmailSender email;
    private final WebhookSender webhook;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong givenUp = new AtomicLong();

    public Notifications(Vertx vertx, NotificationSettings settings) {
        this.vertx = vertx;
        this.settings = settings;
        this.email = settings.smtp().map(smtp -> new EmailSender(vertx, smtp)).orElse(null);
        this.webhook = new WebhookSender(vertx);
    }

    @Override
    public void notify(Notice notice) {
        Severity severity = WireValue.fromWire(Severity.class, notice.alert().severity());
        JsonObject body = NoticeText.json(notice);
        for (Recipient recipient : settings.recipients()) {
            if (severity == null || !recipient.wants(severity)) {
                continue;
            }
            recipient.email().ifPresent(address -> {
                if (email != null) {
                    deliver("e-mail to " + recipient.name(), notice.alert(),
                            () -> email.send(address, NoticeText.subject(notice), NoticeText.body(notice)));
                }
            });
            recipient.webhook().ifPresent(url -> deliver("webhook of " + recipient.name(), notice.alert(),
                    () -> webhook.post(url, body)));
        }
    }

    private void deliver(String what, Notice.Alert alert, Supplier<Future<Void>> send) {
        vertx.runOnContext(nothing -> attempt(what, alert, send, 1, settings.firstRetryDelay()));
    }

    private void attempt(String what, Notice.Alert alert, Supplier<Future<Void>> send, int attempt,
                         Duration delay) {
        Future<Void> sent;
        try {
            sent = send.get();
        } catch (RuntimeException e) {
            sent = Future.failedFuture(e);
        }
        sent.onSuccess(done -> {
            delivered.incrementAndGet();
            LOG.info("{} sent for alert {}", what, alert.id());
        }).onFailure(failure -> {
            if (attempt >= settings.attempts()) {
                givenUp.incrementAndGet();
                LOG.error("{} for alert {} given up after {} attempts: {}", what, alert.id(), attempt,
                        failure.toString());
                return;
            }
            LOG.warn("{} for alert {} failed (attempt {} of {}), trying again in {} ms: {}", what, alert.id(),
                    attempt, settings.attempts(), delay.toMillis(), failure.toString());
            vertx.setTimer(delay.toMillis(), timer -> attempt(what, alert, send, attempt + 1, delay.multipliedBy(2)));
        });
    }

    /** Messages delivered since the start. */
    public long delivered() {
        return delivered.get();
    }

    /** Messages given up after every attempt failed, since the start. */
    public long givenUp() {
        return givenUp.get();
    }

    @Override
    public void close() {
        if (email != null) {
            email.close();
        }
        webhook.close();
    }
}
