package fr.relais.agent.content;

import fr.relais.protocol.content.PlaceContent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Kiosk content for the agent's tests, built with the contract's records (so it always decodes).
 * Lists are mutable ones: {@code PlaceContent} checks for null entries with {@code contains(null)},
 * which {@code List.of} answers with a NullPointerException (noted for the lead).
 */
public final class ContentSamples {
    private ContentSamples() {
    }

    public static PlaceContent content(String site, long version, Instant generatedAt, int waiting,
                                       Integer averageServiceSeconds, List<PlaceContent.Answer> answers) {
        return new PlaceContent(PlaceContent.VERSION, site, version, generatedAt.toString(), false,
                new PlaceContent.Place("Tiers-lieu numérique de Montcornet", "mediation", "montcornet", "Montcornet",
                        "Europe/Paris"),
                new PlaceContent.Hours(list(new PlaceContent.Period("MONDAY", "09:00", "12:00"),
                        new PlaceContent.Period("MONDAY", "14:00", "17:30")),
                        list(new PlaceContent.HoursException("2026-12-25", true, null, null, "Noël"))),
                new PlaceContent.Van("http://hub.example/api/van/tour.ics",
                        list(new PlaceContent.Commune("parfondeval", "Parfondeval",
                                "http://hub.example/api/van/communes/parfondeval/tour.ics", true)),
                        list(new PlaceContent.Visit("parfondeval", "2026-12-01T09:00:00+01:00",
                                "2026-12-01T12:00:00+01:00", "Place de la mairie", "planned", null))),
                list(new PlaceContent.Workshop("w-1", "Débuter avec la tablette", "numérique", "beginner",
                        "2026-12-08T14:00:00+01:00", "2026-12-08T16:00:00+01:00", 8, 3, "Salle 1", false)),
                list(),
                new PlaceContent.Queue(list(), waiting, averageServiceSeconds, 0),
                list(), answers);
    }

    @SafeVarargs
    public static <T> List<T> list(T... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    public static PlaceContent content(String site, long version) {
        return content(site, version, Instant.ofEpochMilli(version), 0, null, list());
    }
}
