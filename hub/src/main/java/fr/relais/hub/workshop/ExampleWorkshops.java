package fr.relais.hub.workshop;

import fr.relais.hub.appointment.Slot;
import fr.relais.hub.appointment.SlotStore;
import fr.relais.hub.db.Database;
import fr.relais.hub.place.BookingSql;
import fr.relais.hub.place.PlaceTimes;
import fr.relais.protocol.MessageIds;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * Example workshops and appointment slots for the five places of
 * {@code provisioning/examples/territoire.yaml} and the van, placed from today on so that a demo
 * always has some to come. Loaded by {@code --example-content} when there are no workshops and no
 * slots yet; every row says {@code example}, and so does what is built from it.
 */
public final class ExampleWorkshops {
    static final List<String> MEDIATION = List.of("rozoy", "montcornet", "dizy-le-gros", "brunehamel");
    static final String COWORKING = "rozoy-coworking";
    static final String VAN = "spi";

    private record Example(String title, String topic, String level, int dayOffset, String from, String to, int seats,
                           String place) {
    }

    private static final List<Example> PUBLIC = List.of(
            new Example("Premiers pas avec l'ordinateur", "Ordinateur", "beginner", 1, "09:30", "11:30", 8,
                    "Salle informatique"),
            new Example("Créer son adresse électronique", "Courriel", "beginner", 3, "14:00", "16:00", 8,
                    "Salle informatique"),
            new Example("Mon espace France Travail", "Démarches en ligne", "intermediate", 6, "10:00", "12:00", 6,
                    "Salle informatique"),
            new Example("Reconnaître les arnaques en ligne", "Sécurité", "intermediate", 9, "14:00", "15:30", 10,
                    "Salle informatique"),
            new Example("Retoucher ses photos", "Photo", "advanced", 11, "09:30", "12:00", 6, "Salle informatique"));
    private static final List<Example> PROFESSIONAL = List.of(
            new Example("Transformation numérique des TPE", "Entreprises", "intermediate", 2, "09:00", "12:00", 12,
                    "Salle de réunion"),
            new Example("Recherche d'emploi : le réseau professionnel en ligne", "Emploi", "beginner", 4, "14:00",
                    "16:30", 10, "Salle de réunion"),
            new Example("Agriculture : déclarations PAC en ligne", "Agriculture", "intermediate", 8, "09:00", "12:00",
                    10, "Salle de réunion"),
            new Example("Tourisme : se faire connaître en ligne", "Tourisme", "advanced", 10, "14:00", "17:00", 10,
                    "Salle de réunion"));
    /** The van's stops of the example where it takes appointments: (commune, place). */
    private static final List<String[]> VAN_STOPS = List.of(new String[] {"parfondeval", "Place de la mairie"},
            new String[] {"archon", "Parking de la salle des fêtes"});

    private ExampleWorkshops() {
    }

    /** Loads the examples if there are no workshops and no slots; returns how many rows were made. */
    public static int loadIfEmpty(Database database, Clock clock) {
        BookingSql sql = new BookingSql(database.coworking());
        long existing = sql.query("SELECT (SELECT COUNT(*) FROM workshops) + (SELECT COUNT(*) FROM appointment_slots)",
                row -> row.getLong(1)).get(0);
        if (existing > 0) {
            return 0;
        }
        LocalDate today = LocalDate.now(clock.withZone(PlaceTimes.PARIS));
        long now = clock.millis();
        return sql.transaction(connection -> {
            int made = 0;
            for (int i = 0; i < MEDIATION.size(); i++) {
                for (Example example : PUBLIC) {
                    made += workshop(connection, MEDIATION.get(i), example, today.plusDays(example.dayOffset() + i),
                            false, now);
                }
                made += slots(connection, MEDIATION.get(i), "mediator", "Bureau du médiateur", null, today, i, now);
            }
            for (Example example : PROFESSIONAL) {
                made += workshop(connection, COWORKING, example, today.plusDays(example.dayOffset()), true, now);
            }
            for (int i = 0; i < VAN_STOPS.size(); i++) {
                made += slots(connection, VAN, "van", VAN_STOPS.get(i)[1], VAN_STOPS.get(i)[0], today, 2 + i, now);
            }
            return made;
        });
    }

    private static int workshop(Connection connection, String site, Example example, LocalDate day,
                                boolean professional, long now) throws SQLException {
        day = weekday(day);
        WorkshopStore.insert(connection, new Workshop(MessageIds.next().toString(), site, example.title(),
                example.topic(), example.level(), at(day, example.from()), at(day, example.to()), example.seats(),
                professional, example.place(), "active", true, now, 0));
        return 1;
    }

    /** Two mornings of 30-minute slots, 9:00 to 12:00, on weekdays from tomorrow on. */
    private static int slots(Connection connection, String site, String with, String place, String commune,
                             LocalDate today, int offset, long now) throws SQLException {
        int made = 0;
        for (LocalDate day : List.of(weekday(today.plusDays(1 + offset)), weekday(today.plusDays(8 + offset)))) {
            for (LocalTime start = LocalTime.of(9, 0); start.isBefore(LocalTime.NOON); start = start.plusMinutes(30)) {
                SlotStore.insert(connection, new Slot(MessageIds.next().toString(), site, with,
                        day.atTime(start).atZone(PlaceTimes.PARIS).toInstant().toEpochMilli(),
                        day.atTime(start.plusMinutes(30)).atZone(PlaceTimes.PARIS).toInstant().toEpochMilli(), place,
                        commune, true, now, null));
                made++;
            }
        }
        return made;
    }

    /** The places are closed at the weekend: a Saturday or Sunday moves to the Monday. */
    private static LocalDate weekday(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY ? day.plusDays(2)
                : day.getDayOfWeek() == DayOfWeek.SUNDAY ? day.plusDays(1) : day;
    }

    private static long at(LocalDate day, String time) {
        return day.atTime(LocalTime.parse(time)).atZone(PlaceTimes.PARIS).toInstant().toEpochMilli();
    }
}
