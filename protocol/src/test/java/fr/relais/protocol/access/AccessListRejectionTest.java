package fr.relais.protocol.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import fr.relais.protocol.access.AccessListException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each kind of bad list is refused as MALFORMED with the field that is wrong and why, never
 * half-read: the node keeps the list it had.
 */
class AccessListRejectionTest {
    private final AccessListCodec codec = new AccessListCodec();
    private final String good = new String(codec.encode(AccessSamples.rich()), StandardCharsets.UTF_8);

    private AccessListException refusal(byte[] bytes) {
        Throwable thrown = catchThrowable(() -> codec.decode(bytes));
        assertThat(thrown).isInstanceOf(AccessListException.class);
        AccessListException refusal = (AccessListException) thrown;
        assertThat(refusal.reason()).isEqualTo(Reason.MALFORMED);
        return refusal;
    }

    private AccessListException refusal(String json) {
        return refusal(json.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // what is broken       | JSON from                    | JSON to                          | field                          | reason
        "unknown field          | \"v\":1,                      | \"v\":1,\"extra\":true,            | extra                          | unknown field",
        "a name for a member    | \"member\":\"m-0042\",         | \"member\":\"m-0042\",\"name\":\"Alice\", | grants[0].name          | unknown field",
        "future format          | \"v\":1                       | \"v\":2                           | v                              | unsupported format version 2",
        "version as a text      | \"version\":12                | \"version\":\"12\"                | version                        | must be an integer",
        "version zero           | \"version\":12                | \"version\":0                     | version                        | must be >= 1",
        "huge version           | \"version\":12                | \"version\":123456789012345678901234567890 | version               | must be an integer",
        "base not below version | \"version\":12,               | \"version\":12,\"baseVersion\":12, | baseVersion                   | must be below version 12",
        "site not an id         | laon-cowork                  | Laon Cowork                      | site                           | lower-case letters",
        "issued when?           | 2026-10-24T22:00:00.123Z     | yesterday                        | issuedAt                       | ISO-8601",
        "unknown zone           | Europe/Paris                 | Europe/Lutece                    | timeZone                       | not a time zone id",
        "zone not canonical     | Europe/Paris                 | +1                               | timeZone                       | not a time zone id",
        "grant not an object    | \"grants\":[                  | \"grants\":[42,                   | grants[0]                      | must be an object",
        "hash not hex           | \"badgeHash\":\"0             | \"badgeHash\":\"G                 | grants[0].badgeHash            | 64 lower-case hex",
        "a clear badge number   | \"badgeHash\":\"0000000000000000000000000000000000000000000000000000000000000001\" | \"badgeHash\":\"04F2A9C1\" | grants[0].badgeHash | 64 lower-case hex",
        "member missing         | \"member\":\"m-0042\",         | ''                               | grants[0].member               | is required",
        "unknown badge class    | \"badgeClass\":\"member\"      | \"badgeClass\":\"admin\"           | grants[0].badgeClass           | not one of: member, staff, maintenance",
        "no such date           | 2026-01-01                   | 2026-02-30                       | grants[0].validFrom            | not a date",
        "date with a time       | 2026-01-01                   | 2026-01-01T00:00                 | grants[0].validFrom            | not a date",
        "valid until before from| 2026-12-31                   | 2025-12-31                       | grants[0].validUntil           | is before validFrom",
        "suspended as a text    | \"suspended\":true            | \"suspended\":\"yes\"              | grants[1].suspended            | must be true or false",
        "door not an id         | \"porte-open-space\"          | \"Porte\"                         | grants[0].doors[0]             | lower-case letters",
        "door twice             | \"porte-open-space\"          | \"porte-rue\"                     | grants[0].doors[1]             | appears twice",
        "doors not a list       | \"doors\":[\"porte-open-space\",\"porte-rue\"] | \"doors\":\"porte-rue\" | grants[0].doors      | must be a list of texts",
        "day spelled out        | \"wed\"                       | \"wednesday\"                     | grants[0].windows[0].days[1]   | not one of: mon, tue",
        "day twice              | \"wed\"                       | \"mon\"                           | grants[0].windows[0].days[1]   | appears twice",
        "no day                 | [\"sat\"]                     | []                                | grants[0].windows[1].days      | at least one day",
        "time not HH:mm         | \"08:00\"                     | \"8h\"                            | grants[0].windows[0].from      | not a time HH:mm",
        "time with seconds      | \"08:00\"                     | \"08:00:00\"                      | grants[0].windows[0].from      | not a time HH:mm",
        "starts at 24:00        | \"from\":\"00:00\"             | \"from\":\"24:00\"                 | grants[0].windows[1].from      | not a time of day",
        "24:30                  | \"until\":\"24:00\"            | \"until\":\"24:30\"                | grants[0].windows[1].until     | not a time of day",
        "ends at 00:00          | \"until\":\"24:00\"            | \"until\":\"00:00\"                | grants[0].windows[1].until     | write 24:00",
        "window backwards       | \"until\":\"19:30\"            | \"until\":\"07:30\"                | grants[0].windows[0].until     | ends after it starts",
        "unknown window field   | \"until\":\"19:30\"            | \"until\":\"19:30\",\"door\":\"x\"  | grants[0].windows[0].door      | unknown field",
        "booking backwards      | 2026-10-25T02:15:00.500Z     | 2026-10-25T00:00:00Z             | grants[0].bookings[0].until    | ends after it starts",
        "booking door missing   | \"door\":\"salle-reunion\",     | ''                               | grants[0].bookings[0].door     | is required",
        "negative pack          | \"left\":7                    | \"left\":-1                       | grants[0].packDays.left        | between 0 and",
        "fractional pack        | \"left\":7                    | \"left\":7.5                      | grants[0].packDays.left        | must be an integer",
        "pack without a count   | \"left\":7,                   | ''                               | grants[0].packDays.left        | is required",
        "revoked not a hash     | \"revoked\":[\"0              | \"revoked\":[\"x                  | revoked[0]                     | 64 lower-case hex",
        "revoked not texts      | \"revoked\":[                 | \"revoked\":[1,                   | revoked[0]                     | must be a text",
        "grants missing         | \"grants\":[                  | \"grunts\":[                      | grants                         | is required",
        "a key twice            | \"v\":1,                      | \"v\":1,\"v\":1,                   | payload                        | Duplicate field",
        "nested too deep        | \"v\":1,                      | \"v\":1,\"x\":[[[[[[[[[[1]]]]]]]]]], | payload                     | nesting depth",
    })
    void refusesWithTheField(String what, String from, String to, String field, String reason) {
        assertThat(good).as("the sample has what the case changes").contains(from);
        String bad = good.replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(to == null ? "" : to));

        AccessListException refusal = refusal(bad);

        assertThat(refusal.field()).as(what).isEqualTo(field);
        assertThat(refusal.detail()).as(what).contains(reason);
    }

    @Test
    void theGoodSampleIsAccepted() throws AccessListException {
        assertThat(codec.decode(good.getBytes(StandardCharsets.UTF_8))).isEqualTo(AccessSamples.rich());
    }

    @Test
    void aBadgeGrantedTwiceIsNamed() {
        String twice = good.replace(AccessSamples.hash(2), AccessSamples.hash(1));

        AccessListException refusal = refusal(twice);

        assertThat(refusal.field()).isEqualTo("grants[1].badgeHash");
        assertThat(refusal.detail()).contains("granted twice");
    }

    @Test
    void aBadgeBothGrantedAndRevokedIsNamed() {
        String both = good.replace("\"revoked\":[\"" + AccessSamples.hash(8), "\"revoked\":[\"" + AccessSamples.hash(3));

        AccessListException refusal = refusal(both);

        assertThat(refusal.field()).isEqualTo("revoked[0]");
        assertThat(refusal.detail()).contains("both granted and revoked");
    }

    @Test
    void tooManyGrantsAreRefusedBeforeAnyIsRead() {
        StringBuilder json = new StringBuilder("{\"v\":1,\"site\":\"laon-cowork\",\"version\":1,"
                + "\"issuedAt\":\"2026-11-28T09:30:00Z\",\"timeZone\":\"Europe/Paris\",\"grants\":[{}");
        json.append(",{}".repeat(AccessList.MAX_GRANTS)).append("],\"revoked\":[]}");

        AccessListException refusal = refusal(json.toString());

        assertThat(refusal.field()).isEqualTo("grants");
        assertThat(refusal.detail()).contains("at most 50000 entries, got 50001");
    }

    @Test
    void anOversizedDocumentIsRefusedUnread() {
        byte[] huge = new byte[AccessListCodec.MAX_DOCUMENT_BYTES + 1];
        Arrays.fill(huge, (byte) '[');

        AccessListException refusal = refusal(huge);

        assertThat(refusal.field()).isEqualTo("payload");
        assertThat(refusal.detail()).contains("8388609 bytes, more than the limit of 8388608");
    }

    @Test
    void garbageIsRefusedAsAWhole() {
        assertThat(refusal(new byte[0]).detail()).isEqualTo("empty");
        assertThat(refusal("not json").detail()).contains("not valid JSON");
        assertThat(refusal(good + "{}").detail()).contains("not valid JSON");
        assertThat(refusal("[1,2]").detail()).contains("must be an object, got an array");
        assertThat(refusal(new byte[] {'{', (byte) 0xC3, '}'}).detail()).isEqualTo("not UTF-8 text");
        assertThat(refusal(good.getBytes(StandardCharsets.UTF_16)).field()).isEqualTo("payload");
        assertThat(refusal("\uFEFF" + good).field()).isEqualTo("payload");
    }
}
