package fr.relais.protocol.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes: the access list codec gives a complete list, which it writes back to the same list,
 * or an {@link AccessListException} (MALFORMED) naming a field and a reason; never another
 * exception. Seeds under {@code AccessListCodecFuzzTestInputs/decode}: a rich list, a delta,
 * refused variants.
 */
class AccessListCodecFuzzTest {
    private final AccessListCodec codec = new AccessListCodec();

    @FuzzTest(maxDuration = "5s")
    void decode(byte[] input) throws AccessListException {
        AccessList list;
        try {
            list = codec.decode(input);
        } catch (AccessListException e) {
            assertThat(e.reason()).isEqualTo(AccessListException.Reason.MALFORMED);
            assertThat(e.field()).as("the refused field").isNotBlank();
            assertThat(e.detail()).as("the reason").isNotBlank();
            return;
        }
        assertThat(codec.decode(codec.encode(list))).as("the accepted list written back").isEqualTo(list);
    }
}
