package fr.relais.hub.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;

/**
 * What a door node says of its list in an {@code access-list} event: the version it holds (0 for
 * none), what became of the last list it was offered, and whether it needs a snapshot. Read
 * strictly from the event's data: a broken report names its field and is not acted on.
 */
record AccessListReport(long version, String outcome, String reason, boolean needSnapshot) {
    static final Set<String> OUTCOMES = Set.of("connected", "accepted", "refused", "ignored");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REASON = 64;

    /** A report that cannot be used, with the field at fault. */
    static final class Invalid extends Exception {
        private final String field;

        Invalid(String field, String detail) {
            super(field + ": " + detail);
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    static AccessListReport parse(String data) throws Invalid {
        JsonNode root;
        try {
            root = data == null ? null : JSON.readTree(data);
        } catch (JsonProcessingException e) {
            throw new Invalid("data", "not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new Invalid("data", "must be an object");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isIntegralNumber() || !version.canConvertToLong() || version.longValue() < 0) {
            throw new Invalid("version", version == null ? "is required" : "must be a whole number >= 0, got "
                    + shorten(version.toString()));
        }
        JsonNode outcome = root.get("outcome");
        if (outcome == null || !outcome.isTextual() || !OUTCOMES.contains(outcome.textValue())) {
            throw new Invalid("outcome", outcome == null ? "is required" : "must be one of " + OUTCOMES + ", got "
                    + shorten(outcome.toString()));
        }
        JsonNode reason = root.get("reason");
        if (reason != null && !reason.isNull() && (!reason.isTextual() || reason.textValue().length() > MAX_REASON)) {
            throw new Invalid("reason", "must be a short text");
        }
        JsonNode needSnapshot = root.get("needSnapshot");
        if (needSnapshot != null && !needSnapshot.isNull() && !needSnapshot.isBoolean()) {
            throw new Invalid("needSnapshot", "must be true or false, got " + shorten(needSnapshot.toString()));
        }
        return new AccessListReport(version.longValue(), outcome.textValue(),
                reason == null || reason.isNull() ? "" : reason.textValue(),
                needSnapshot != null && needSnapshot.asBoolean(false) || version.longValue() == 0);
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
