package fr.relais.hub.van;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.hub.TestDatabase;
import fr.relais.hub.place.PlaceParts;
import fr.relais.protocol.content.PlaceContent;
import fr.relais.protocol.content.PlaceContentCodec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The places' and the van's parts of a kiosk's content, from the example territory, through the real codec. */
class ContentPartsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:30:00Z");
    private TourHub hub;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        hub = new TourHub(TestDatabase.Kind.SQLITE, dir, NOW);
    }

    @AfterEach
    void stop() throws Exception {
        hub.close();
    }

    @Test
    void aPlacesContentHasItsHoursAndTheVansNextVisitsWithItsNeighboursFirst() throws Exception {
        PlaceParts places = new PlaceParts(hub.database);
        VanParts van = new VanParts(hub.database, TourHub.PUBLIC_URL + "/");
        PlaceContent.Place rozoy = places.place("rozoy");
        assertThat(rozoy.name()).isEqualTo("Tiers-lieu numérique de Rozoy-sur-Serre");
        assertThat(rozoy.communeName()).isEqualTo("Rozoy-sur-Serre");
        assertThat(rozoy.timeZone()).isEqualTo("Europe/Paris");
        assertThat(places.place("nowhere")).isNull();
        assertThat(places.example()).isTrue();
        PlaceContent.Hours hours = places.hours("rozoy");
        assertThat(hours.weekly()).hasSize(9);
        assertThat(hours.exceptions()).extracting(PlaceContent.HoursException::label).contains("Noël");

        PlaceContent.Van tour = van.van("rozoy", NOW);
        assertThat(tour.calendarUrl()).isEqualTo(TourHub.PUBLIC_URL + "/api/van/tour.ics");
        assertThat(tour.communes()).extracting(PlaceContent.Commune::id).doesNotContain("rozoy-sur-serre", "montcornet")
                .contains("parfondeval", "dohis");
        // Archon is 2 km from Rozoy, Clermont-les-Fermes about 14 km: near, and not.
        assertThat(tour.communes()).filteredOn(c -> c.id().equals("archon")).extracting(PlaceContent.Commune::near)
                .containsExactly(true);
        assertThat(tour.communes()).filteredOn(c -> c.id().equals("clermont-les-fermes"))
                .extracting(PlaceContent.Commune::near).containsExactly(false);
        assertThat(tour.communes()).filteredOn(c -> c.id().equals("dohis")).extracting(PlaceContent.Commune::calendarUrl)
                .containsExactly(TourHub.PUBLIC_URL + "/api/van/communes/dohis/tour.ics");
        // Parfondeval's 9:00–12:00 visit of today is still on at 11:30; New Year's Day (a first Friday) is listed, cancelled.
        assertThat(tour.visits().get(0).commune()).isEqualTo("parfondeval");
        assertThat(tour.visits().get(0).start()).isEqualTo("2026-12-01T09:00:00+01:00");
        assertThat(tour.visits()).filteredOn(v -> v.start().startsWith("2027-01-01")).extracting(PlaceContent.Visit::status)
                .isNotEmpty().containsOnly("cancelled");
        assertThat(tour.visits()).allMatch(v -> v.startTime().toInstant().isBefore(NOW.plusSeconds(63L * 86_400)));

        // Not List.of(): PlaceContent's null check calls contains(null), which List.of() refuses (NPE).
        PlaceContent content = new PlaceContent(PlaceContent.VERSION, "rozoy", 1, NOW.toString(), places.example(),
                rozoy, hours, tour, new ArrayList<>(), new ArrayList<>(),
                new PlaceContent.Queue(new ArrayList<>(), 0, null, 0), new ArrayList<>(), new ArrayList<>());
        byte[] encoded = PlaceContentCodec.encode(content);
        assertThat(encoded.length).isLessThan(PlaceContentCodec.MAX_BYTES);
        assertThat(PlaceContentCodec.decode(encoded).van().visits()).hasSameSizeAs(tour.visits());
    }
}
