package fr.relais.protocol.access;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.relais.protocol.access.AccessListException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * A signed list as it travels: {@code {"v":1,"payload":"<base64>","signature":"<base64>"}}, the
 * payload being the exact bytes the hub signed (standard base64, padded). Read strictly, sizes
 * bounded; what it reads still has to pass {@link AccessListVerifier}. Thread-safe.
 */
public final class SignedAccessListCodec {
    /** The base64 of the largest list, and room for the rest. */
    public static final int MAX_WIRE_BYTES = 4 * ((AccessListCodec.MAX_DOCUMENT_BYTES + 2) / 3) + 1024;
    private static final Set<String> FIELDS = Set.of("v", "payload", "signature");

    private final StrictJson json = new StrictJson(MAX_WIRE_BYTES, MAX_WIRE_BYTES, 2);

    public byte[] encode(SignedAccessList signed) {
        ByteArrayBuilder buffer = new ByteArrayBuilder(256);
        try (JsonGenerator generator = json.mapper().getFactory().createGenerator(buffer)) {
            generator.writeStartObject();
            generator.writeNumberField("v", AccessListCodec.FORMAT_VERSION);
            generator.writeStringField("payload", Base64.getEncoder().encodeToString(signed.payload()));
            generator.writeStringField("signature", Base64.getEncoder().encodeToString(signed.signature()));
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a signed access list", e);
        }
        return buffer.toByteArray();
    }

    public SignedAccessList decode(byte[] wire) throws AccessListException {
        JsonNode root = json.parse(wire);
        if (!(root instanceof ObjectNode object)) {
            throw malformed("payload", "must be an object, got " + root.getNodeType().name().toLowerCase());
        }
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (!FIELDS.contains(field.getKey())) {
                String name = field.getKey().isBlank() ? "\"" + field.getKey() + "\"" : field.getKey();
                throw malformed(name, "unknown field");
            }
        }
        JsonNode version = object.get("v");
        if (version == null || !version.isIntegralNumber()) {
            throw malformed("v", version == null ? "is required" : "must be an integer");
        }
        if (!version.canConvertToLong() || version.longValue() != AccessListCodec.FORMAT_VERSION) {
            throw malformed("v", "unsupported format version " + version + " (this build reads "
                    + AccessListCodec.FORMAT_VERSION + ")");
        }
        byte[] payload = base64(object, "payload");
        byte[] signature = base64(object, "signature");
        if (payload.length == 0 || payload.length > AccessListCodec.MAX_DOCUMENT_BYTES) {
            throw malformed("payload", payload.length + " bytes, expected 1 to " + AccessListCodec.MAX_DOCUMENT_BYTES);
        }
        if (signature.length != AccessListVerifier.SIGNATURE_BYTES) {
            throw malformed("signature", signature.length + " bytes, an Ed25519 signature has "
                    + AccessListVerifier.SIGNATURE_BYTES);
        }
        return new SignedAccessList(payload, signature);
    }

    private static byte[] base64(ObjectNode object, String name) throws AccessListException {
        JsonNode value = object.get(name);
        if (value == null || !value.isTextual()) {
            throw malformed(name, value == null || value.isNull() ? "is required" : "must be a base64 text");
        }
        try {
            return Base64.getDecoder().decode(value.textValue());
        } catch (IllegalArgumentException e) {
            throw malformed(name, "not standard base64: " + e.getMessage());
        }
    }

    private static AccessListException malformed(String field, String detail) {
        return new AccessListException(Reason.MALFORMED, field, detail);
    }
}
