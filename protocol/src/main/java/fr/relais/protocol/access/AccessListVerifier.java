package fr.relais.protocol.access;

import fr.relais.protocol.Ids;
import fr.relais.protocol.access.AccessListException.Reason;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.OptionalLong;

/**
 * The door node's side: accepts a list only if the hub's key signed these very bytes, for this
 * node's site, and it moves the node forward from the version it holds. The signature is checked
 * before anything is parsed, so unsigned bytes never reach the JSON parser (only their size is
 * looked at first). Thread-safe.
 */
public final class AccessListVerifier {
    /** An Ed25519 signature is always this long. */
    public static final int SIGNATURE_BYTES = 64;

    private final PublicKey hubKey;
    private final String site;
    private final AccessListCodec codec;

    public AccessListVerifier(PublicKey hubKey, String site, AccessListCodec codec) throws InvalidKeyException {
        if (!Ids.isValid(site)) {
            throw new IllegalArgumentException("site " + Ids.problem(site));
        }
        this.hubKey = AccessKeys.ed25519(hubKey);
        this.site = site;
        this.codec = codec;
    }

    /** From the hub's {@code PUBLIC KEY} PEM (or bare base64) the node was provisioned with. */
    public static AccessListVerifier fromPem(String publicKey, String site) throws InvalidKeyException {
        return new AccessListVerifier(AccessKeys.readPublic(publicKey), site, new AccessListCodec());
    }

    /**
     * The list to use in place of the one the node holds ({@code held}: its version, empty when
     * it has none), or why not.
     */
    public AccessList verify(SignedAccessList signed, OptionalLong held) throws AccessListException {
        byte[] payload = signed.payload();
        codec.checkSize(payload);
        if (!signedByHub(payload, signed.signature())) {
            throw new AccessListException(Reason.BAD_SIGNATURE, "signature", "not the hub's signature of this payload");
        }
        AccessList list = codec.decode(payload);
        if (!list.site().equals(site)) {
            throw new AccessListException(Reason.OTHER_SITE, "site", "the list is for " + list.site()
                    + ", this node is at " + site);
        }
        if (held.isPresent() && list.version() < held.getAsLong()) {
            throw new AccessListException(Reason.OLD_VERSION, "version", "version " + list.version()
                    + " is older than the held version " + held.getAsLong());
        }
        if (held.isPresent() && list.version() == held.getAsLong()) {
            throw new AccessListException(Reason.ALREADY_HELD, "version", "version " + list.version()
                    + " is already held");
        }
        if (list.isDelta() && (held.isEmpty() || list.baseVersion().get() != held.getAsLong())) {
            throw new AccessListException(Reason.WRONG_BASE, "baseVersion", "a delta from version "
                    + list.baseVersion().get() + ", the node holds "
                    + (held.isPresent() ? "version " + held.getAsLong() : "no list") + ": a snapshot is needed");
        }
        return list;
    }

    private boolean signedByHub(byte[] payload, byte[] signature) {
        if (signature.length != SIGNATURE_BYTES) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(AccessKeys.ALGORITHM);
            verifier.initVerify(hubKey);
            verifier.update(payload);
            return verifier.verify(signature);
        } catch (SignatureException e) {
            // A signature the algorithm cannot even read (such as an out-of-range point).
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot verify with Ed25519", e);
        }
    }
}
