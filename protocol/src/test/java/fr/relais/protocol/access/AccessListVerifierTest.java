package fr.relais.protocol.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import fr.relais.protocol.access.AccessListException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * A node uses a list only if the hub signed these bytes, for its site, moving it forward; each
 * refusal says why, so the node knows whether to ignore it (replay, re-delivery) or ask for a
 * snapshot (wrong base).
 */
class AccessListVerifierTest {
    private static final KeyPair HUB = AccessKeys.generate();
    private static final OptionalLong NONE = OptionalLong.empty();

    private final AccessListSigner signer = AccessListSigner.fromPem(AccessKeys.privatePem(HUB.getPrivate()));
    private final AccessListVerifier verifier = AccessListVerifier.fromPem(AccessKeys.publicPem(HUB.getPublic()),
            AccessSamples.SITE);

    AccessListVerifierTest() throws InvalidKeyException {
    }

    private AccessListException refusal(SignedAccessList signed, OptionalLong held) {
        Throwable thrown = catchThrowable(() -> verifier.verify(signed, held));
        assertThat(thrown).isInstanceOf(AccessListException.class);
        return (AccessListException) thrown;
    }

    @Test
    void aSignedSnapshotIsUsedByANodeWithoutAList() throws AccessListException {
        AccessList list = AccessSamples.rich();

        assertThat(verifier.verify(signer.sign(list), NONE)).isEqualTo(list);
    }

    @Test
    void aNewerSnapshotReplacesTheHeldOne() throws AccessListException {
        assertThat(verifier.verify(signer.sign(AccessSamples.snapshot(13)), OptionalLong.of(12)).version())
                .isEqualTo(13);
    }

    @Test
    void aDeltaOnTheHeldVersionIsUsed() throws AccessListException {
        assertThat(verifier.verify(signer.sign(AccessSamples.delta(12, 13)), OptionalLong.of(12)))
                .isEqualTo(AccessSamples.delta(12, 13));
    }

    @Test
    void anyTamperedPayloadByteIsABadSignature() {
        SignedAccessList signed = signer.sign(AccessSamples.rich());
        byte[] payload = signed.payload();
        // The version digit: still a valid list, so only the signature can tell.
        int at = new String(payload, StandardCharsets.UTF_8).indexOf("\"version\":12") + 11;
        payload[at] = '9';

        AccessListException refusal = refusal(new SignedAccessList(payload, signed.signature()), NONE);

        assertThat(refusal.reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(refusal.field()).isEqualTo("signature");
    }

    @Test
    void garbageIsNotParsedWithoutASignature() {
        SignedAccessList unsigned = new SignedAccessList("not even json".getBytes(StandardCharsets.UTF_8), new byte[64]);

        assertThat(refusal(unsigned, NONE).reason()).as("refused on the signature, not on the JSON")
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void aTamperedSignatureIsRefused() {
        SignedAccessList signed = signer.sign(AccessSamples.rich());
        byte[] signature = signed.signature();
        signature[10] ^= 0x01;

        assertThat(refusal(new SignedAccessList(signed.payload(), signature), NONE).reason())
                .isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(refusal(new SignedAccessList(signed.payload(), new byte[0]), NONE).reason())
                .isEqualTo(Reason.BAD_SIGNATURE);
        byte[] outOfRange = new byte[64];
        java.util.Arrays.fill(outOfRange, (byte) 0xFF);
        assertThat(refusal(new SignedAccessList(signed.payload(), outOfRange), NONE).reason())
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void anotherKeysSignatureIsRefused() throws InvalidKeyException {
        AccessListSigner intruder = new AccessListSigner(AccessKeys.generate().getPrivate(), new AccessListCodec());

        assertThat(refusal(intruder.sign(AccessSamples.rich()), NONE).reason()).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void aListForAnotherSiteIsRefused() {
        AccessListException refusal = refusal(signer.sign(AccessSamples.snapshot("montcornet", 50)), NONE);

        assertThat(refusal.reason()).isEqualTo(Reason.OTHER_SITE);
        assertThat(refusal.field()).isEqualTo("site");
        assertThat(refusal.detail()).contains("montcornet", AccessSamples.SITE);
    }

    @Test
    void anOldVersionReplayedIsRefused() {
        SignedAccessList old = signer.sign(AccessSamples.snapshot(11));

        AccessListException refusal = refusal(old, OptionalLong.of(12));

        assertThat(refusal.reason()).isEqualTo(Reason.OLD_VERSION);
        assertThat(refusal.field()).isEqualTo("version");
        assertThat(refusal(signer.sign(AccessSamples.delta(10, 11)), OptionalLong.of(12)).reason())
                .as("an old delta is old, not a reason to ask for a snapshot").isEqualTo(Reason.OLD_VERSION);
    }

    @Test
    void theHeldVersionAgainIsHarmless() {
        assertThat(refusal(signer.sign(AccessSamples.snapshot(12)), OptionalLong.of(12)).reason())
                .isEqualTo(Reason.ALREADY_HELD);
        assertThat(refusal(signer.sign(AccessSamples.delta(11, 12)), OptionalLong.of(12)).reason())
                .isEqualTo(Reason.ALREADY_HELD);
    }

    @Test
    void aDeltaOnAnotherBaseAsksForASnapshot() {
        AccessListException refusal = refusal(signer.sign(AccessSamples.delta(13, 14)), OptionalLong.of(12));

        assertThat(refusal.reason()).isEqualTo(Reason.WRONG_BASE);
        assertThat(refusal.field()).isEqualTo("baseVersion");
        assertThat(refusal(signer.sign(AccessSamples.delta(1, 2)), NONE).reason())
                .as("a node without a list needs a snapshot").isEqualTo(Reason.WRONG_BASE);
    }

    @Test
    void aSignedButMalformedPayloadIsMalformed() throws Exception {
        byte[] payload = "{\"v\":1}".getBytes(StandardCharsets.UTF_8);
        java.security.Signature signature = java.security.Signature.getInstance("Ed25519");
        signature.initSign(HUB.getPrivate());
        signature.update(payload);

        AccessListException refusal = refusal(new SignedAccessList(payload, signature.sign()), NONE);

        assertThat(refusal.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(refusal.field()).isEqualTo("site");
    }

    @Test
    void anOversizedPayloadIsRefusedBeforeItsSignatureIsComputed() {
        SignedAccessList huge = new SignedAccessList(new byte[AccessListCodec.MAX_DOCUMENT_BYTES + 1], new byte[64]);

        AccessListException refusal = refusal(huge, NONE);

        assertThat(refusal.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(refusal.field()).isEqualTo("payload");
    }
}
