package fr.relais.protocol.access;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import fr.relais.protocol.access.AccessListException.Reason;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON form of an {@link AccessList}, the bytes the hub signs. Writing is compact and stable
 * (fields always in the same order, sets sorted) so the same list gives the same bytes; reading
 * is strict: a complete list, or an {@link AccessListException} ({@link Reason#MALFORMED})
 * naming the field. The format is described in the protocol README ("Access lists").
 * Thread-safe.
 */
public final class AccessListCodec {
    /** The {@code v} field: a new field or spelling is a new format version, deployed hub first. */
    public static final int FORMAT_VERSION = 1;
    /**
     * Larger documents are refused before parsing. A member's grant with two doors and two windows
     * is about 300 bytes, so some 25 000 such badges fit; a place has a few hundred.
     */
    public static final int MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;
    /** Per badge: more would be a hub bug, and each is checked at every badge presented. */
    public static final int MAX_DOORS = 64;
    public static final int MAX_WINDOWS = 32;
    public static final int MAX_BOOKINGS = 512;

    private static final int MAX_DEPTH = 8;
    private final StrictJson json = new StrictJson(MAX_DOCUMENT_BYTES, 64 * 1024, MAX_DEPTH);

    /**
     * @throws IllegalArgumentException if the list breaks a limit a node would refuse (too many
     *                                  doors, windows or bookings for a badge, or over
     *                                  {@link #MAX_DOCUMENT_BYTES}): the hub must not sign it
     */
    public byte[] encode(AccessList list) {
        ByteArrayBuilder buffer = new ByteArrayBuilder(1024);
        try (JsonGenerator generator = json.mapper().getFactory().createGenerator(buffer)) {
            AccessListWriter.write(list, generator);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the access list of " + list.site(), e);
        }
        byte[] bytes = buffer.toByteArray();
        if (bytes.length > MAX_DOCUMENT_BYTES) {
            throw new IllegalArgumentException("the access list of " + list.site() + " is " + bytes.length
                    + " bytes, more than the " + MAX_DOCUMENT_BYTES + " a node accepts");
        }
        return bytes;
    }

    public AccessList decode(byte[] bytes) throws AccessListException {
        try {
            StrictObject root = StrictObject.root(json.parse(bytes), "payload");
            long version = root.nonNegativeLong("v");
            if (version != FORMAT_VERSION) {
                throw new FieldException("v", "unsupported format version " + version + " (this build reads "
                        + FORMAT_VERSION + ")");
            }
            AccessList list = AccessListReader.read(root);
            root.finish();
            return list;
        } catch (FieldException e) {
            throw new AccessListException(Reason.MALFORMED, e.field(), e.reason());
        }
    }

    /** Refuses an oversized document without reading it: the verifier calls it before checking a signature. */
    void checkSize(byte[] bytes) throws AccessListException {
        json.checkSize(bytes);
    }
}
