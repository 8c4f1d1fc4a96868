package fr.relais.hub.db;

import java.nio.charset.StandardCharsets;

/**
 * Rows in the text format of PostgreSQL's {@code COPY … FROM STDIN}: fields separated by a tab,
 * rows ended by a newline, {@code \N} for null, and a backslash before each backslash, tab,
 * newline and carriage return a value holds. The server parses this more cheaply than the same
 * rows as array parameters (see {@link TableCopy}).
 */
public final class CopyText {
    private final StringBuilder text;
    private boolean rowStarted;

    /** @param expectedChars a guess of the whole text's length, so that it is not copied as it grows */
    public CopyText(int expectedChars) {
        this.text = new StringBuilder(expectedChars);
    }

    public CopyText add(String value) {
        separate();
        if (value == null) {
            text.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
        return this;
    }

    public CopyText add(long value) {
        separate();
        text.append(value);
        return this;
    }

    public CopyText add(boolean value) {
        separate();
        text.append(value ? 't' : 'f');
        return this;
    }

    /** A value whose text never needs escaping (a UUID, a number): its {@code toString}. */
    public CopyText addPlain(Object value) {
        separate();
        text.append(value);
        return this;
    }

    public CopyText endRow() {
        text.append('\n');
        rowStarted = false;
        return this;
    }

    /** The rows so far, in UTF-8 (the client encoding PgJDBC sets). */
    public byte[] bytes() {
        if (rowStarted) {
            throw new IllegalStateException("a row was started and not ended");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void separate() {
        if (rowStarted) {
            text.append('\t');
        }
        rowStarted = true;
    }
}
