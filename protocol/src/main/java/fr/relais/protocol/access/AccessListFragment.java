package fr.relais.protocol.access;

import java.util.Objects;

/**
 * One piece of a signed access list on its way to a door node. The broker refuses packets over
 * 270 000 bytes and a site's full list of 10 000 badges is about 3 MB, so the hub cuts the
 * signed list's wire bytes ({@link SignedAccessListCodec}) into parts; the node glues them back
 * ({@link AccessListAssembler}) and only then checks the signature, so a part needs none of its
 * own: a forged part only spoils the whole, which the verifier then refuses.
 *
 * @param part  0-based index, below {@code parts}
 * @param data  this part's bytes (never empty)
 */
public record AccessListFragment(String site, long version, int part, int parts, byte[] data) {
    public AccessListFragment {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(data, "data");
        if (version < 1 || parts < 1 || part < 0 || part >= parts || data.length == 0) {
            throw new IllegalArgumentException("fragment " + part + "/" + parts + " of version " + version
                    + " with " + data.length + " bytes");
        }
    }
}
