package fr.relais.kiosk.sample;

import fr.relais.kiosk.agent.AgentReplies;
import fr.relais.kiosk.content.Times;
import fr.relais.protocol.content.PlaceContent;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Example content for each kind of place, built with the protocol's records (so it passes the same
 * validation as the hub's): for screenshots, the bench and the tests. Dates follow {@code now}, so
 * the screens always show coming visits and workshops. Says {@code example: true}.
 */
public final class SampleContent {

    public static final String CALENDAR_BASE = "https://relais.example/api/van/communes/";
    /** id, name, near a mediation place, weekday, ordinal in the month, morning. */
    private static final List<Object[]> COMMUNES = java.util.Arrays.asList(
            new Object[] {"parfondeval", "Parfondeval", false, DayOfWeek.TUESDAY, 1, true},
            new Object[] {"dohis", "Dohis", false, DayOfWeek.TUESDAY, 1, false},
            new Object[] {"archon", "Archon", false, DayOfWeek.WEDNESDAY, 1, true},
            new Object[] {"cuiry-les-iviers", "Cuiry-lès-Iviers", false, DayOfWeek.WEDNESDAY, 1, false},
            new Object[] {"grandrieux", "Grandrieux", false, DayOfWeek.THURSDAY, 1, true},
            new Object[] {"resigny", "Résigny", false, DayOfWeek.THURSDAY, 1, false},
            new Object[] {"clermont-les-fermes", "Clermont-les-Fermes", true, DayOfWeek.TUESDAY, 2, true},
            new Object[] {"la-ville-aux-bois-les-dizy", "La Ville-aux-Bois-lès-Dizy", true, DayOfWeek.TUESDAY, 2, false},
            new Object[] {"dizy-le-gros", "Dizy-le-Gros", true, DayOfWeek.WEDNESDAY, 2, true},
            new Object[] {"brunehamel", "Brunehamel", false, DayOfWeek.WEDNESDAY, 2, false},
            new Object[] {"chaourse", "Chaourse", true, DayOfWeek.THURSDAY, 2, true},
            new Object[] {"lislet", "Lislet", true, DayOfWeek.THURSDAY, 2, false},
            new Object[] {"vincy-reuil-et-magny", "Vincy-Reuil-et-Magny", true, DayOfWeek.TUESDAY, 3, true},
            new Object[] {"raillimont", "Raillimont", false, DayOfWeek.TUESDAY, 3, false},
            new Object[] {"montloue", "Montloué", false, DayOfWeek.WEDNESDAY, 3, true},
            new Object[] {"soize", "Soize", false, DayOfWeek.WEDNESDAY, 3, false},
            new Object[] {"les-autels", "Les Autels", false, DayOfWeek.THURSDAY, 3, true},
            new Object[] {"morgny-en-thierache", "Morgny-en-Thiérache", false, DayOfWeek.THURSDAY, 3, false});

    private SampleContent() {
    }

    /**
     * PlaceContent's constructor checks lists with {@code contains(null)}, which an immutable
     * {@code List.of} answers with a NullPointerException: give it ordinary lists.
     */
    @SafeVarargs
    public static <T> List<T> mutable(T... items) {
        return new ArrayList<>(java.util.Arrays.asList(items));
    }

    public static <T> List<T> mutable(List<T> items) {
        return new ArrayList<>(items);
    }

    /** @param kind mediation, coworking or van */
    public static PlaceContent forKind(String kind, Instant now) {
        ZonedDateTime here = now.atZone(Times.PARIS);
        PlaceContent.Place place = switch (kind) {
            case "coworking" -> new PlaceContent.Place("Coworking de la Praille", "coworking", "rozoy-sur-serre",
                    "Rozoy-sur-Serre", "Europe/Paris");
            case "van" -> new PlaceContent.Place("Bus France Services", "van", null, null, "Europe/Paris");
            default -> new PlaceContent.Place("Tiers-lieu numérique de Montcornet", "mediation", "montcornet",
                    "Montcornet", "Europe/Paris");
        };
        String site = switch (kind) {
            case "coworking" -> "rozoy-coworking";
            case "van" -> "spi";
            default -> "montcornet";
        };
        return new PlaceContent(PlaceContent.VERSION, site, now.toEpochMilli(), now.toString(), true, place,
                hours(here.toLocalDate()), van(here), workshops(here, kind.equals("coworking")), slots(here),
                new PlaceContent.Queue(mutable(
                        new PlaceContent.Called("C12", 12, "Bureau 1", here.minusMinutes(2).toOffsetDateTime().toString()),
                        new PlaceContent.Called("F3", 3, "Bureau 2", here.minusMinutes(9).toOffsetDateTime().toString())),
                        3, 600, 15),
                kind.equals("coworking") ? rooms(here) : mutable(), mutable());
    }

    /** A printer out of paper, a scanner that works, three computers of four. */
    public static List<AgentReplies.Device> devices() {
        return mutable(
                new AgentReplies.Device("imprimante", "printer", "Imprimante de l'accueil", "error",
                        mutable("media-empty-report"), Map.of("pages", "1204"), true),
                new AgentReplies.Device("scanner", "scanner", "Scanner", "ok", mutable(), Map.of(), true),
                new AgentReplies.Device("pc-1", "computer", "Poste 1", "ok", mutable(), Map.of(), true),
                new AgentReplies.Device("pc-2", "computer", "Poste 2", "ok", mutable(), Map.of(), true),
                new AgentReplies.Device("pc-3", "computer", "Poste 3", "warning", mutable("disk-low"), Map.of(), true),
                new AgentReplies.Device("pc-4", "computer", "Poste 4", "error", mutable("offline"), Map.of(), true));
    }

    static PlaceContent.Hours hours(LocalDate today) {
        List<PlaceContent.Period> weekly = new ArrayList<>();
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            weekly.add(new PlaceContent.Period(day.name(), "09:00", "12:00"));
            weekly.add(new PlaceContent.Period(day.name(), "14:00", "17:00"));
        }
        weekly.add(new PlaceContent.Period("SATURDAY", "09:00", "12:00"));
        LocalDate christmas = LocalDate.of(today.getYear(), 12, 25);
        return new PlaceContent.Hours(weekly, mutable(
                new PlaceContent.HoursException(christmas.toString(), true, null, null, "Noël")));
    }

    static PlaceContent.Van van(ZonedDateTime now) {
        List<PlaceContent.Commune> communes = new ArrayList<>();
        List<PlaceContent.Visit> visits = new ArrayList<>();
        LocalDate firstMonth = now.toLocalDate().withDayOfMonth(1);
        for (Object[] c : COMMUNES) {
            String id = (String) c[0];
            communes.add(new PlaceContent.Commune(id, (String) c[1], CALENDAR_BASE + id + "/tour.ics", (Boolean) c[2]));
            for (int month = 0; month < 3; month++) {
                LocalDate day = firstMonth.plusMonths(month)
                        .with(TemporalAdjusters.dayOfWeekInMonth((Integer) c[4], (DayOfWeek) c[3]));
                boolean morning = (Boolean) c[5];
                ZonedDateTime start = day.atTime(morning ? LocalTime.of(9, 0) : LocalTime.of(14, 0)).atZone(Times.PARIS);
                ZonedDateTime end = start.plusHours(3);
                String status = id.equals("dohis") && month == 1 ? "cancelled" : "planned";
                visits.add(new PlaceContent.Visit(id, start.toOffsetDateTime().toString(),
                        end.toOffsetDateTime().toString(), id.equals("parfondeval") ? "place de la mairie" : "devant la mairie",
                        status, status.equals("cancelled") ? "panne du bus" : null));
            }
        }
        return new PlaceContent.Van(CALENDAR_BASE.replace("communes/", "tour.ics"), communes, visits);
    }

    static List<PlaceContent.Workshop> workshops(ZonedDateTime now, boolean professional) {
        String[][] titles = professional ? new String[][] {
                {"La transformation numérique des TPE", "numérique", "beginner"},
                {"Recherche d'emploi : réseaux et candidatures", "emploi", "intermediate"},
                {"Agriculture : déclarations PAC en ligne", "agriculture", "intermediate"},
                {"Tourisme : se faire connaître en ligne", "tourisme", "beginner"}}
                : new String[][] {
                {"Premiers pas sur l'ordinateur", "ordinateur", "beginner"},
                {"Envoyer un e-mail avec une pièce jointe", "e-mail", "beginner"},
                {"Faire ses démarches en ligne en sécurité", "démarches", "intermediate"},
                {"Le smartphone au quotidien", "téléphone", "beginner"}};
        List<PlaceContent.Workshop> workshops = new ArrayList<>();
        for (int i = 0; i < titles.length; i++) {
            ZonedDateTime start = now.toLocalDate().plusDays(1 + i * 2L).atTime(14, 0).atZone(Times.PARIS);
            int seats = 8;
            int free = i == 3 ? 0 : 5 - i;
            workshops.add(new PlaceContent.Workshop("w" + (i + 1), titles[i][0], titles[i][1], titles[i][2],
                    start.toOffsetDateTime().toString(), start.plusHours(2).toOffsetDateTime().toString(), seats, free,
                    "Salle d'atelier", professional));
        }
        return workshops;
    }

    static List<PlaceContent.Slot> slots(ZonedDateTime now) {
        List<PlaceContent.Slot> slots = new ArrayList<>();
        for (int day = 1; day <= 4; day++) {
            for (int hour : new int[] {10, 11, 15}) {
                ZonedDateTime start = now.toLocalDate().plusDays(day).atTime(hour, 0).atZone(Times.PARIS);
                slots.add(new PlaceContent.Slot("s" + day + "-" + hour, "mediator", start.toOffsetDateTime().toString(),
                        start.plusMinutes(30).toOffsetDateTime().toString(), "Bureau du médiateur", null));
            }
        }
        return slots;
    }

    static List<PlaceContent.Room> rooms(ZonedDateTime now) {
        ZonedDateTime ten = now.toLocalDate().atTime(10, 0).atZone(Times.PARIS);
        return mutable(
                new PlaceContent.Room("salle-reunion", "Salle de réunion", 10, mutable(
                        new PlaceContent.Taken(ten.toOffsetDateTime().toString(),
                                ten.plusHours(2).toOffsetDateTime().toString()))),
                new PlaceContent.Room("cabine", "Cabine téléphonique", 1, mutable()));
    }
}
