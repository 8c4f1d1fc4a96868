package fr.relais.hub.cowork;

import java.time.LocalTime;
import java.time.ZoneId;

/** The coworking_sites rows: a site without one has the defaults. */
final class SiteSettingsStore {
    private final CoworkSql sql;

    SiteSettingsStore(CoworkSql sql) {
        this.sql = sql;
    }

    SiteSettings of(String site) {
        return sql.one("SELECT time_zone, booking_margin_minutes, auto_checkout_at FROM coworking_sites"
                + " WHERE site_id = ?", row -> new SiteSettings(site, ZoneId.of(row.getString(1)), row.getInt(2),
                LocalTime.parse(row.getString(3))), site).orElse(SiteSettings.defaults(site));
    }

    SiteSettings put(SiteSettings settings) {
        sql.inSiteTransaction(settings.site(), () -> sql.update("UPDATE coworking_sites SET time_zone = ?,"
                + " booking_margin_minutes = ?, auto_checkout_at = ? WHERE site_id = ?", settings.timeZone().getId(),
                settings.bookingMarginMinutes(), settings.autoCheckoutAt().toString(), settings.site()));
        return settings;
    }
}
