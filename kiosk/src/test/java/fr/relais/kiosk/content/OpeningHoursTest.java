package fr.relais.kiosk.content;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.kiosk.sample.SampleContent;
import fr.relais.protocol.content.PlaceContent;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class OpeningHoursTest {
    /** Monday to Friday 9–12 and 14–17, Saturday 9–12, closed on Christmas day (the sample's hours). */
    private final PlaceContent.Hours hours = SampleContent.forKind("mediation", java.time.Instant.parse(
            "2026-12-01T08:00:00Z")).hours();

    @Test
    void openNowSaysUntilWhen() {
        assertThat(plain(OpeningHours.now(hours, at("2026-12-01T10:00")))).isEqualTo("Ouvert maintenant, jusqu'à 12 h");
    }

    @Test
    void closedAtLunchSaysWhenItOpensAgainToday() {
        assertThat(plain(OpeningHours.now(hours, at("2026-12-01T12:30")))).isEqualTo("Fermé, ouvre à 14 h");
    }

    @Test
    void closedOnSundaySaysTheNextDay() {
        assertThat(plain(OpeningHours.now(hours, at("2026-12-06T11:00")))).isEqualTo("Fermé, ouvre demain à 9 h");
        assertThat(plain(OpeningHours.now(hours, at("2026-12-05T13:00")))).isEqualTo("Fermé, ouvre lundi à 9 h");
    }

    @Test
    void aTicketMakesSenseUntilTheDaysLastClosingOrWhenTheHoursAreUnknown() {
        assertThat(OpeningHours.seesVisitorsLaterToday(hours, at("2026-12-01T08:30"))).as("before opening").isTrue();
        assertThat(OpeningHours.seesVisitorsLaterToday(hours, at("2026-12-01T10:00"))).as("open").isTrue();
        assertThat(OpeningHours.seesVisitorsLaterToday(hours, at("2026-12-01T12:30"))).as("lunch").isTrue();
        assertThat(OpeningHours.seesVisitorsLaterToday(hours, at("2026-12-01T17:00"))).as("closed at 17 h").isFalse();
        assertThat(OpeningHours.seesVisitorsLaterToday(hours, at("2026-12-06T10:00"))).as("Sunday").isFalse();
        assertThat(OpeningHours.seesVisitorsLaterToday(hours, at("2026-12-25T10:00"))).as("Christmas").isFalse();
        PlaceContent.Hours unknown = new PlaceContent.Hours(java.util.List.of(), java.util.List.of());
        assertThat(OpeningHours.seesVisitorsLaterToday(unknown, at("2026-12-06T23:00"))).as("hours unknown").isTrue();
    }

    @Test
    void aClosedDayOfTheExceptionsWinsOverTheWeek() {
        assertThat(plain(OpeningHours.today(hours, at("2026-12-25T10:00").toLocalDate())))
                .isEqualTo("Aujourd'hui : fermé (Noël)");
        assertThat(plain(OpeningHours.now(hours, at("2026-12-24T18:00")))).isEqualTo("Fermé, ouvre samedi à 9 h");
        assertThat(plain(OpeningHours.today(hours, at("2026-12-01T10:00").toLocalDate())))
                .isEqualTo("Aujourd'hui : 9 h – 12 h et 14 h – 17 h");
    }

    @Test
    void timesAreSaidTheFrenchWay() {
        assertThat(plain(Times.hour(java.time.LocalTime.of(14, 5)))).isEqualTo("14 h 05");
        assertThat(plain(Times.day(java.time.LocalDate.of(2026, 12, 1)))).isEqualTo("mardi 1er décembre");
    }

    @Test
    void communesAreFoundWithoutAccentsCapitalsOrHyphens() {
        var communes = SampleContent.forKind("van", java.time.Instant.now()).van().communes();
        assertThat(CommuneSearch.filter(communes, "PARFONDÉVAL")).extracting(PlaceContent.Commune::id)
                .containsExactly("parfondeval");
        assertThat(CommuneSearch.filter(communes, "cuiry les iviers")).extracting(PlaceContent.Commune::id)
                .containsExactly("cuiry-les-iviers");
        assertThat(CommuneSearch.filter(communes, "resigny")).extracting(PlaceContent.Commune::id)
                .containsExactly("resigny");
    }

    private static ZonedDateTime at(String local) {
        return LocalDateTime.parse(local).atZone(Times.PARIS);
    }

    private static String plain(String text) {
        return text.replace('\u00a0', ' ');
    }
}
