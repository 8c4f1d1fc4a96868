package fr.relais.hub.cowork;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;

/** When a visit nobody checked out ends by itself: at the site's autoCheckoutAt, local time, after the entry. */
final class Visits {
    private Visits() {
    }

    static Instant autoCheckout(Instant checkedIn, SiteSettings settings) {
        ZonedDateTime entry = checkedIn.atZone(settings.timeZone());
        LocalDateTime candidate = entry.toLocalDate().atTime(settings.autoCheckoutAt());
        if (!candidate.isAfter(entry.toLocalDateTime())) {
            candidate = candidate.plusDays(1);
        }
        return candidate.atZone(settings.timeZone()).toInstant();
    }
}
