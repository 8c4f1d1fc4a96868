package fr.relais.hub.cowork;

import java.time.LocalTime;
import java.time.ZoneId;

/** A coworking site's settings: its local time zone, the bookings' margin and the automatic check-out time. */
record SiteSettings(String site, ZoneId timeZone, int bookingMarginMinutes, LocalTime autoCheckoutAt) {
    static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Paris");
    static final int DEFAULT_MARGIN = 15;

    static SiteSettings defaults(String site) {
        return new SiteSettings(site, DEFAULT_ZONE, DEFAULT_MARGIN, LocalTime.MIDNIGHT);
    }
}
