package fr.relais.hub.notify;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is told of alerts and how: the SMTP server for e-mail, the technicians, and how hard to try.
 *
 * @param attempts          tries per message before it is given up and logged
 * @param firstRetryDelay   the wait before the second try; it doubles after each failure
 */
public record NotificationSettings(int attempts, Duration firstRetryDelay, Optional<SmtpSettings> smtp,
                                   List<Recipient> recipients) {
    public static final int DEFAULT_ATTEMPTS = 4;
    public static final Duration DEFAULT_FIRST_RETRY_DELAY = Duration.ofSeconds(5);

    public NotificationSettings {
        Objects.requireNonNull(firstRetryDelay, "firstRetryDelay");
        Objects.requireNonNull(smtp, "smtp");
        recipients = List.copyOf(recipients);
    }

    public static NotificationSettings none() {
        return new NotificationSettings(DEFAULT_ATTEMPTS, DEFAULT_FIRST_RETRY_DELAY, Optional.empty(), List.of());
    }
}
