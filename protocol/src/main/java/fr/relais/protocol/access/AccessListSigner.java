package fr.relais.protocol.access;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.Signature;

/**
 * The hub's side: signs the codec's bytes of a list with its Ed25519 private key. Thread-safe (a
 * {@link Signature} is made per list: lists are rare).
 */
public final class AccessListSigner {
    private final PrivateKey key;
    private final AccessListCodec codec;

    public AccessListSigner(PrivateKey key, AccessListCodec codec) throws InvalidKeyException {
        this.key = AccessKeys.ed25519(key);
        this.codec = codec;
    }

    /** From the {@code PRIVATE KEY} PEM text of the hub's configuration. */
    public static AccessListSigner fromPem(String pem) throws InvalidKeyException {
        return new AccessListSigner(AccessKeys.readPrivate(pem), new AccessListCodec());
    }

    /** @throws IllegalArgumentException if the list breaks a limit nodes enforce (see {@link AccessListCodec#encode}) */
    public SignedAccessList sign(AccessList list) {
        byte[] payload = codec.encode(list);
        try {
            Signature signature = Signature.getInstance(AccessKeys.ALGORITHM);
            signature.initSign(key);
            signature.update(payload);
            return new SignedAccessList(payload, signature.sign());
        } catch (GeneralSecurityException e) {
            // The key was checked as Ed25519 on construction: only a broken JVM gets here.
            throw new IllegalStateException("cannot sign with Ed25519", e);
        }
    }
}
