package fr.relais.hub.content;

import fr.relais.protocol.content.PlaceContent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where each section of a place's kiosk content comes from: small functions the hub's wiring gives
 * from the packages that own the data ({@code place.PlaceParts}, {@code van.VanParts},
 * {@code workshop.WorkshopParts}, {@code appointment.SlotParts}/{@code RoomParts},
 * {@code queue.QueueParts}); tests give lambdas. Only {@link #place} is required: a section without
 * a source is empty. Each is called on the publisher's thread and may block on the database.
 */
public record ContentParts(PlacePart place, HoursPart hours, VanPart van, ListPart<PlaceContent.Workshop> workshops,
                           ListPart<PlaceContent.Slot> slots, QueuePart queue, ListPart<PlaceContent.Room> rooms,
                           ExamplePart example) {
    /** The place of a site, or null when the site is unknown (then nothing is published for it). */
    @FunctionalInterface
    public interface PlacePart {
        PlaceContent.Place place(String site);
    }

    @FunctionalInterface
    public interface HoursPart {
        PlaceContent.Hours hours(String site);
    }

    @FunctionalInterface
    public interface VanPart {
        PlaceContent.Van van(String site, Instant now);
    }

    @FunctionalInterface
    public interface ListPart<T> {
        List<T> list(String site, Instant now);
    }

    @FunctionalInterface
    public interface QueuePart {
        PlaceContent.Queue queue(String site, Instant now);
    }

    /** Whether the content comes from the bundled example data ({@code --example-content}). */
    @FunctionalInterface
    public interface ExamplePart {
        boolean example();
    }

    public ContentParts {
        Objects.requireNonNull(place, "place");
        hours = hours != null ? hours : site -> new PlaceContent.Hours(none(), none());
        van = van != null ? van : (site, now) -> new PlaceContent.Van(null, none(), none());
        workshops = workshops != null ? workshops : (site, now) -> none();
        slots = slots != null ? slots : (site, now) -> none();
        queue = queue != null ? queue : (site, now) -> new PlaceContent.Queue(none(), 0, null, 0);
        rooms = rooms != null ? rooms : (site, now) -> none();
        example = example != null ? example : () -> false;
    }

    /**
     * An empty list {@link PlaceContent} accepts: its null check ({@code contains(null)}) throws on
     * {@code List.of()} and {@code List.copyOf}, which refuse to be asked about null.
     */
    static <T> List<T> none() {
        return new java.util.ArrayList<>();
    }

    /** Only the place: every other section empty until given with the {@code with…} methods. */
    public static ContentParts of(PlacePart place) {
        return new ContentParts(place, null, null, null, null, null, null, null);
    }

    public ContentParts withHours(HoursPart part) {
        return new ContentParts(place, part, van, workshops, slots, queue, rooms, example);
    }

    public ContentParts withVan(VanPart part) {
        return new ContentParts(place, hours, part, workshops, slots, queue, rooms, example);
    }

    public ContentParts withWorkshops(ListPart<PlaceContent.Workshop> part) {
        return new ContentParts(place, hours, van, part, slots, queue, rooms, example);
    }

    public ContentParts withSlots(ListPart<PlaceContent.Slot> part) {
        return new ContentParts(place, hours, van, workshops, part, queue, rooms, example);
    }

    public ContentParts withQueue(QueuePart part) {
        return new ContentParts(place, hours, van, workshops, slots, part, rooms, example);
    }

    public ContentParts withRooms(ListPart<PlaceContent.Room> part) {
        return new ContentParts(place, hours, van, workshops, slots, queue, part, example);
    }

    public ContentParts withExample(ExamplePart part) {
        return new ContentParts(place, hours, van, workshops, slots, queue, rooms, part);
    }
}
