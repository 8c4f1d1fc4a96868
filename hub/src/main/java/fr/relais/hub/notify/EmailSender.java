package fr.relais.hub.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;

/** Sends plain-text e-mail through the configured SMTP server. */
final class EmailSender implements AutoCloseable {
    private final MailClient client;
    private final String from;

    EmailSender(Vertx vertx, SmtpSettings smtp) {
        MailConfig config = new MailConfig()
                .setHostname(smtp.host())
                .setPort(smtp.port())
                .setSsl(smtp.ssl())
                .setStarttls(switch (smtp.startTls()) {
                    case DISABLED -> StartTLSOptions.DISABLED;
                    case OPTIONAL -> StartTLSOptions.OPTIONAL;
                    case REQUIRED -> StartTLSOptions.REQUIRED;
                })
                .setLogin(smtp.username().isPresent() ? LoginOption.REQUIRED : LoginOption.DISABLED)
                .setConnectTimeout(10_000);
        smtp.username().ifPresent(config::setUsername);
        smtp.password().ifPresent(config::setPassword);
        this.client = MailClient.createShared(vertx, config, "relais-alerts");
        this.from = smtp.from();
    }

    Future<Void> send(String to, String subject, String text) {
        MailMessage message = new MailMessage().setFrom(from).setTo(to).setSubject(subject).setText(text);
        return client.sendMail(message).mapEmpty();
    }

    @Override
    public void close() {
        client.close();
    }
}
