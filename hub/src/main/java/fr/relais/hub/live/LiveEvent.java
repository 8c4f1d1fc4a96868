package fr.relais.hub.live;

/**
 * One event of the live channel, as {@code GET /api/live} sends it.
 *
 * @param id   {@code {boot}-{seq}}: the hub's start, then the event's number in it
 * @param type {@code device}, {@code node}, {@code event}, {@code alert}, {@code command}, {@code reset}…
 * @param site whose it is (only that site's viewers get it); null: only callers who see every site get it
 * @param json the event's data, one line of JSON
 */
public record LiveEvent(String id, String type, String site, String json) {
    /** The server-sent events frame: id, type, one data line, and the blank line that ends it. */
    String frame() {
        return "id: " + id + "\nevent: " + type + "\ndata: " + json + "\n\n";
    }
}
