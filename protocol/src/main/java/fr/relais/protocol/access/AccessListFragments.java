package fr.relais.protocol.access;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.relais.protocol.Ids;
import fr.relais.protocol.access.AccessListException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cuts a signed list's wire bytes into MQTT-sized fragments and reads them back, strictly:
 * {@code {"v":1,"site":"…","version":12,"part":0,"parts":3,"data":"<base64>"}}. Thread-safe.
 */
public final class AccessListFragments {
    /** Raw bytes per fragment: once in base64 with its fields, a fragment stays under 200 000 bytes. */
    public static final int DATA_BYTES_PER_FRAGMENT = 140_000;
    /** The largest fragment read: the broker's limit is 270 000 bytes per packet anyway. */
    public static final int MAX_FRAGMENT_BYTES = 200_000;
    /** Enough parts for the largest signed list, no more: a node never waits for a million parts. */
    public static final int MAX_PARTS = SignedAccessListCodec.MAX_WIRE_BYTES / DATA_BYTES_PER_FRAGMENT + 1;
    private static final Set<String> FIELDS = Set.of("v", "site", "version", "part", "parts", "data");

    private final StrictJson json = new StrictJson(MAX_FRAGMENT_BYTES, MAX_FRAGMENT_BYTES, 2);

    /** The payloads to publish, in order, for one signed list of a site at a version. */
    public List<byte[]> split(String site, long version, byte[] signedWire) {
        if (signedWire.length == 0 || signedWire.length > SignedAccessListCodec.MAX_WIRE_BYTES) {
            throw new IllegalArgumentException("a signed list of " + signedWire.length + " bytes cannot travel");
        }
        int parts = (signedWire.length + DATA_BYTES_PER_FRAGMENT - 1) / DATA_BYTES_PER_FRAGMENT;
        List<byte[]> payloads = new ArrayList<>(parts);
        for (int part = 0; part < parts; part++) {
            int from = part * DATA_BYTES_PER_FRAGMENT;
            byte[] data = Arrays.copyOfRange(signedWire, from, Math.min(signedWire.length, from + DATA_BYTES_PER_FRAGMENT));
            payloads.add(encode(new AccessListFragment(site, version, part, parts, data)));
        }
        return payloads;
    }

    public byte[] encode(AccessListFragment fragment) {
        ByteArrayBuilder buffer = new ByteArrayBuilder(fragment.data().length * 4 / 3 + 128);
        try (JsonGenerator generator = json.mapper().getFactory().createGenerator(buffer)) {
            generator.writeStartObject();
            generator.writeNumberField("v", AccessListCodec.FORMAT_VERSION);
            generator.writeStringField("site", fragment.site());
            generator.writeNumberField("version", fragment.version());
            generator.writeNumberField("part", fragment.part());
            generator.writeNumberField("parts", fragment.parts());
            generator.writeStringField("data", Base64.getEncoder().encodeToString(fragment.data()));
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode an access list fragment", e);
        }
        return buffer.toByteArray();
    }

    /** Reads one fragment, or says which field is wrong ({@link Reason#MALFORMED}). */
    public AccessListFragment decode(byte[] payload) throws AccessListException {
        if (payload == null || payload.length > MAX_FRAGMENT_BYTES) {
            throw malformed("fragment", (payload == null ? 0 : payload.length) + " bytes, more than "
                    + MAX_FRAGMENT_BYTES);
        }
        JsonNode root = json.parse(payload);
        if (!(root instanceof ObjectNode object)) {
            throw malformed("fragment", "must be an object, got " + root.getNodeType().name().toLowerCase());
        }
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (!FIELDS.contains(field.getKey())) {
                throw malformed(field.getKey().isBlank() ? "\"" + field.getKey() + "\"" : field.getKey(), "unknown field");
            }
        }
        long v = integer(object, "v", 1, 1);
        if (v != AccessListCodec.FORMAT_VERSION) {
            throw malformed("v", "unsupported format version " + v);
        }
        JsonNode site = object.get("site");
        if (site == null || !site.isTextual() || !Ids.isValid(site.textValue())) {
            throw malformed("site", site == null ? "is required" : "must be a protocol identifier");
        }
        long version = integer(object, "version", 1, Long.MAX_VALUE);
        int parts = (int) integer(object, "parts", 1, MAX_PARTS);
        int part = (int) integer(object, "part", 0, parts - 1);
        JsonNode data = object.get("data");
        if (data == null || !data.isTextual()) {
            throw malformed("data", data == null ? "is required" : "must be a base64 text");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(data.textValue());
        } catch (IllegalArgumentException e) {
            throw malformed("data", "not standard base64: " + e.getMessage());
        }
        if (bytes.length == 0 || bytes.length > DATA_BYTES_PER_FRAGMENT) {
            throw malformed("data", bytes.length + " bytes, expected 1 to " + DATA_BYTES_PER_FRAGMENT);
        }
        return new AccessListFragment(site.textValue(), version, part, parts, bytes);
    }

    private static long integer(ObjectNode object, String name, long min, long max) throws AccessListException {
        JsonNode value = object.get(name);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw malformed(name, value == null ? "is required" : "must be an integer");
        }
        long number = value.longValue();
        if (number < min || number > max) {
            throw malformed(name, number + " is outside " + min + ".." + max);
        }
        return number;
    }

    private static AccessListException malformed(String field, String detail) {
        return new AccessListException(Reason.MALFORMED, field, detail);
    }
}
