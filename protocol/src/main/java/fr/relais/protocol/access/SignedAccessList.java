package fr.relais.protocol.access;

import java.util.Arrays;
import java.util.Objects;

/**
 * An access list as it travels: the exact bytes the hub signed (the list's JSON) and the hub's
 * Ed25519 signature of them. The bytes are verified before they are parsed; nothing is
 * re-serialised for checking, so no canonical form can differ between signer and verifier.
 */
public record SignedAccessList(byte[] payload, byte[] signature) {
    public SignedAccessList {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(signature, "signature");
        payload = payload.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedAccessList that && Arrays.equals(payload, that.payload)
                && Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(payload) + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "SignedAccessList[" + payload.length + " bytes]";
    }
}
