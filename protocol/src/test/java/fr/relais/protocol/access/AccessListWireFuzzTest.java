package fr.relais.protocol.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes: the signed list's wire codec gives a payload and a 64-byte signature, which it writes
 * back the same, or an {@link AccessListException} (MALFORMED) naming a field; never another
 * exception. A class of its own: Jazzer fuzzes one target per JVM (see {@code ./relais fuzz}).
 */
class AccessListWireFuzzTest {
    private final SignedAccessListCodec codec = new SignedAccessListCodec();

    @FuzzTest(maxDuration = "5s")
    void decode(byte[] input) throws AccessListException {
        SignedAccessList signed;
        try {
            signed = codec.decode(input);
        } catch (AccessListException e) {
            assertThat(e.reason()).isEqualTo(AccessListException.Reason.MALFORMED);
            assertThat(e.field()).as("the refused field").isNotBlank();
            assertThat(e.detail()).as("the reason").isNotBlank();
            return;
        }
        assertThat(signed.signature()).hasSize(AccessListVerifier.SIGNATURE_BYTES);
        assertThat(codec.decode(codec.encode(signed))).as("the accepted form written back").isEqualTo(signed);
    }
}
