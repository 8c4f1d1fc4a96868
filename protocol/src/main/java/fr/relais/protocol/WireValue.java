package fr.relais.protocol;

/** An enum constant with the exact spelling it has in JSON payloads and the REST API. */
public interface WireValue {
    String wire();

    /** The constant of {@code type} spelled {@code text} on the wire, or {@code null}. */
    static <E extends Enum<E> & WireValue> E fromWire(Class<E> type, String text) {
        for (E constant : type.getEnumConstants()) {
            if (constant.wire().equals(text)) {
                return constant;
            }
        }
        return null;
    }

    /** The accepted spellings, for error messages. */
    static <E extends Enum<E> & WireValue> String choices(Class<E> type) {
        StringBuilder sb = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(constant.wire());
        }
        return sb.toString();
    }
}
