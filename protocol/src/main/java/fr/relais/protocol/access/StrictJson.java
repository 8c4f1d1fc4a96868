package fr.relais.protocol.access;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import fr.relais.protocol.access.AccessListException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Parses a bounded UTF-8 JSON document for the access codecs. The bytes are decoded as UTF-8
 * before the parser sees them, so the parser never guesses UTF-16 or UTF-32 from zero bytes (the
 * message codec's fuzzing found that trap).
 */
final class StrictJson {
    private final ObjectMapper mapper;
    private final int maxBytes;

    StrictJson(int maxBytes, int maxStringLength, int maxDepth) {
        this.maxBytes = maxBytes;
        this.mapper = JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth)
                .maxStringLength(maxStringLength)
                .build());
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** Refuses an oversized document before anything else is done with it. */
    void checkSize(byte[] bytes) throws AccessListException {
        if (bytes == null || bytes.length == 0) {
            throw new AccessListException(Reason.MALFORMED, "payload", "empty");
        }
        if (bytes.length > maxBytes) {
            throw new AccessListException(Reason.MALFORMED, "payload",
                    bytes.length + " bytes, more than the limit of " + maxBytes);
        }
    }

    JsonNode parse(byte[] bytes) throws AccessListException {
        checkSize(bytes);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AccessListException(Reason.MALFORMED, "payload", "not UTF-8 text");
        }
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AccessListException(Reason.MALFORMED, "payload", "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr()));
        } catch (IOException e) {
            // Not an I/O failure (the text is in memory): what the parser could not read.
            throw new AccessListException(Reason.MALFORMED, "payload", "not readable as JSON: " + e.getMessage());
        }
    }
}
