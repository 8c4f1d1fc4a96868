package fr.relais.protocol.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import fr.relais.protocol.access.AccessListException.Reason;
import fr.relais.protocol.access.BadgeGrant.BadgeClass;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A full site's list crosses the broker in fragments and comes back as the exact bytes the hub signed. */
class AccessListFragmentsTest {
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private final AccessListFragments fragments = new AccessListFragments();

    private static AccessList tenThousandBadges(long version) {
        List<BadgeGrant> grants = new ArrayList<>();
        for (int n = 1; n <= 10_000; n++) {
            grants.add(new BadgeGrant(AccessSamples.hash(n), "m-" + n, BadgeClass.MEMBER, Optional.empty(),
                    Optional.empty(), false, Set.of("porte-rue"),
                    List.of(new AccessWindow(Set.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(8, 0),
                            LocalTime.of(19, 0))), List.of(), Optional.empty()));
        }
        return new AccessList(AccessSamples.SITE, version, Optional.empty(), NOW, AccessSamples.PARIS, grants,
                Set.of());
    }

    @Test
    void aTenThousandBadgeListTravelsInPartsAndVerifiesOnceGluedBack() throws Exception {
        KeyPair keys = AccessKeys.generate();
        AccessListCodec codec = new AccessListCodec();
        SignedAccessList signed = new AccessListSigner(keys.getPrivate(), codec).sign(tenThousandBadges(7));
        byte[] wire = new SignedAccessListCodec().encode(signed);

        List<byte[]> payloads = fragments.split(AccessSamples.SITE, 7, wire);

        assertThat(payloads).hasSizeGreaterThan(1)
                .allSatisfy(payload -> assertThat(payload.length).isLessThanOrEqualTo(AccessListFragments.MAX_FRAGMENT_BYTES));
        // QoS 1 re-delivers and nothing orders parts: shuffle them and send some twice.
        List<byte[]> delivered = new ArrayList<>(payloads);
        delivered.add(payloads.get(0));
        Collections.shuffle(delivered, new Random(11));
        AccessListAssembler assembler = new AccessListAssembler(AccessSamples.SITE);
        Optional<byte[]> whole = Optional.empty();
        for (byte[] payload : delivered) {
            Optional<byte[]> done = assembler.add(fragments.decode(payload), NOW);
            if (done.isPresent()) {
                whole = done;
            }
        }
        assertThat(whole).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(wire));
        AccessList list = new AccessListVerifier(keys.getPublic(), AccessSamples.SITE, codec)
                .verify(new SignedAccessListCodec().decode(whole.get()), java.util.OptionalLong.empty());
        assertThat(list.grants()).hasSize(10_000);
    }

    @Test
    void aForgedPartSpoilsTheWholeAndTheSignatureRefusesIt() throws Exception {
        KeyPair keys = AccessKeys.generate();
        AccessListCodec codec = new AccessListCodec();
        byte[] wire = new SignedAccessListCodec().encode(new AccessListSigner(keys.getPrivate(), codec)
                .sign(tenThousandBadges(3)));
        List<byte[]> payloads = fragments.split(AccessSamples.SITE, 3, wire);
        AccessListAssembler assembler = new AccessListAssembler(AccessSamples.SITE);
        Optional<byte[]> whole = Optional.empty();
        for (int i = 0; i < payloads.size(); i++) {
            AccessListFragment fragment = fragments.decode(payloads.get(i));
            if (i == 1) {
                byte[] data = fragment.data().clone();
                data[data.length / 2] ^= 1;
                fragment = new AccessListFragment(fragment.site(), 3, 1, fragment.parts(), data);
            }
            Optional<byte[]> done = assembler.add(fragment, NOW);
            if (done.isPresent()) {
                whole = done;
            }
        }
        byte[] glued = whole.orElseThrow();
        AccessListException refusal = catchThrowableOfType(() -> new AccessListVerifier(keys.getPublic(),
                AccessSamples.SITE, codec).verify(new SignedAccessListCodec().decode(glued), java.util.OptionalLong.empty()),
                AccessListException.class);
        assertThat(refusal.reason()).isIn(Reason.BAD_SIGNATURE, Reason.MALFORMED);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON        | garbage                                                                  | payload | not valid JSON",
        "an array        | []                                                                       | fragment | must be an object",
        "unknown field   | {'v':1,'site':'s','version':1,'part':0,'parts':1,'data':'QQ==','x':1}     | x       | unknown field",
        "future format   | {'v':2,'site':'s','version':1,'part':0,'parts':1,'data':'QQ=='}           | v       | 2 is outside",
        "bad site        | {'v':1,'site':'../x','version':1,'part':0,'parts':1,'data':'QQ=='}        | site    | identifier",
        "version zero    | {'v':1,'site':'s','version':0,'part':0,'parts':1,'data':'QQ=='}           | version | 0 is outside",
        "part too far    | {'v':1,'site':'s','version':1,'part':1,'parts':1,'data':'QQ=='}           | part    | 1 is outside 0..0",
        "a million parts | {'v':1,'site':'s','version':1,'part':0,'parts':1000000,'data':'QQ=='}     | parts   | is outside",
        "empty data      | {'v':1,'site':'s','version':1,'part':0,'parts':1,'data':''}               | data    | 0 bytes",
        "data not base64 | {'v':1,'site':'s','version':1,'part':0,'parts':1,'data':'**'}             | data    | not standard base64",
        "part as text    | {'v':1,'site':'s','version':1,'part':'0','parts':1,'data':'QQ=='}         | part    | must be an integer",
    })
    void garbageIsRefusedWithTheFieldNamed(String what, String json, String field, String detail) {
        byte[] payload = json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);

        AccessListException refusal = catchThrowableOfType(() -> fragments.decode(payload), AccessListException.class);

        assertThat(refusal).as(what).isNotNull();
        assertThat(refusal.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(refusal.field()).as(what).isEqualTo(field);
        assertThat(refusal.detail()).as(what).contains(detail);
    }

    @Test
    void aFragmentOverTheBrokerSizeIsRefusedBeforeParsing() {
        AccessListException refusal = catchThrowableOfType(
                () -> fragments.decode(new byte[AccessListFragments.MAX_FRAGMENT_BYTES + 1]), AccessListException.class);
        assertThat(refusal.field()).isEqualTo("fragment");
    }

    @Test
    void anotherSitesFragmentIsRefused() {
        AccessListAssembler assembler = new AccessListAssembler(AccessSamples.SITE);
        AccessListException refusal = catchThrowableOfType(() -> assembler.add(
                new AccessListFragment("other-site", 1, 0, 1, new byte[] {1}), NOW), AccessListException.class);
        assertThat(refusal.reason()).isEqualTo(Reason.OTHER_SITE);
    }

    @Test
    void aNewerVersionReplacesTheHalfAssembledOneAndAnOlderIsIgnored() throws Exception {
        AccessListAssembler assembler = new AccessListAssembler(AccessSamples.SITE);
        assertThat(assembler.add(part(4, 0, 2, "a"), NOW)).isEmpty();
        assertThat(assembler.add(part(5, 0, 2, "b"), NOW)).isEmpty();
        assertThat(assembler.add(part(4, 1, 2, "x"), NOW)).as("the older version's late part").isEmpty();
        assertThat(assembler.pendingVersion()).contains(5L);
        assertThat(assembler.add(part(5, 1, 2, "c"), NOW)).hasValueSatisfying(
                bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("bc"));
        assertThat(assembler.pendingVersion()).isEmpty();
    }

    @Test
    void partsLeftIncompleteGoStaleAndContradictionsDropTheVersion() throws Exception {
        AccessListAssembler assembler = new AccessListAssembler(AccessSamples.SITE);
        assembler.add(part(4, 0, 2, "a"), NOW);
        Instant later = NOW.plus(AccessListAssembler.STALE_AFTER).plusSeconds(1);
        assertThat(assembler.add(part(4, 1, 2, "b"), later)).as("part 0 was dropped as stale").isEmpty();
        assertThat(assembler.add(part(4, 0, 2, "a"), later)).hasValueSatisfying(
                bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("ab"));

        assembler.add(part(6, 0, 3, "a"), NOW);
        assertThatThrownBy(() -> assembler.add(part(6, 1, 2, "b"), NOW)).isInstanceOf(AccessListException.class)
                .hasMessageContaining("parts");
        assertThat(assembler.pendingVersion()).isEmpty();
    }

    @Test
    void splitRefusesWhatCouldNotTravel() {
        assertThatThrownBy(() -> fragments.split(AccessSamples.SITE, 1, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static AccessListFragment part(long version, int part, int parts, String data) {
        return new AccessListFragment(AccessSamples.SITE, version, part, parts, data.getBytes(StandardCharsets.UTF_8));
    }
}
