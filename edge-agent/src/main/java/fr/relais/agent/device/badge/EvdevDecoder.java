package fr.relais.agent.device.badge;

import fr.relais.agent.device.badge.InputEventLayout.InputEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The keystrokes of a keyboard-wedge reader, as evdev records: key presses are letters or digits
 * of the number, Enter (main or keypad) ends it. Releases, auto-repeats, modifiers and non-key
 * events (EV_SYN, EV_MSC scan codes) are ignored. A key that is neither (Tab, a symbol), a
 * malformed record, a number too short or too long, or one left without Enter for the frame
 * timeout is refused, never guessed; after a refusal the keys up to the next Enter are skipped,
 * so one bad number is one refusal.
 */
final class EvdevDecoder implements FrameDecoder {
    private enum State { IDLE, TYPING, SKIPPING }

    private final InputEventStream records;
    private final KeyLayout keys;
    private final Duration timeout;
    private final StringBuilder number = new StringBuilder(MAX_NUMBER_LENGTH);
    private State state = State.IDLE;
    private Instant lastKey = Instant.MIN;

    EvdevDecoder(InputEventLayout layout, KeyLayout keys) {
        this(layout, keys, FRAME_TIMEOUT);
    }

    EvdevDecoder(InputEventLayout layout, KeyLayout keys, Duration timeout) {
        this.records = new InputEventStream(layout);
        this.keys = keys;
        this.timeout = timeout;
    }

    @Override
    public List<DecodedFrame> feed(byte[] bytes, int length, Instant now) {
        List<DecodedFrame> frames = new ArrayList<>(idle(now));
        for (InputEvent event : records.feed(bytes, length)) {
            accept(event, now, frames);
        }
        return frames;
    }

    @Override
    public List<DecodedFrame> idle(Instant now) {
        if (state == State.IDLE || Duration.between(lastKey, now).compareTo(timeout) < 0) {
            return List.of();
        }
        return finish("incomplete number (no Enter within " + timeout.toMillis() + " ms)");
    }

    @Override
    public List<DecodedFrame> end() {
        records.reset();
        return finish("incomplete number (the reader went away)");
    }

    private List<DecodedFrame> finish(String reason) {
        State was = state;
        state = State.IDLE;
        number.setLength(0);
        return was == State.TYPING ? List.of(DecodedFrame.rejected(reason)) : List.of();
    }

    private void accept(InputEvent event, Instant now, List<DecodedFrame> frames) {
        if (event.type() > InputEvent.EV_MAX
                || (event.type() == InputEvent.EV_KEY && (event.value() < 0 || event.value() > 2))) {
            refuse(frames, "malformed input event", now);
            return;
        }
        if (event.type() != InputEvent.EV_KEY || event.value() != InputEvent.KEY_PRESSED
                || KeyLayout.isModifier(event.code())) {
            return;
        }
        lastKey = now;
        if (KeyLayout.isEnter(event.code())) {
            if (state == State.TYPING) {
                frames.add(complete());
            }
            number.setLength(0);
            state = State.IDLE;
            return;
        }
        if (state == State.SKIPPING) {
            return;
        }
        Optional<Character> character = keys.character(event.code());
        if (character.isEmpty()) {
            refuse(frames, "a key that is neither a letter nor a digit (key code " + event.code() + ")", now);
        } else if (number.length() == MAX_NUMBER_LENGTH) {
            refuse(frames, "longer than " + MAX_NUMBER_LENGTH + " characters", now);
        } else {
            number.append(character.get());
            state = State.TYPING;
        }
    }

    private void refuse(List<DecodedFrame> frames, String reason, Instant now) {
        if (state != State.SKIPPING) {
            frames.add(DecodedFrame.rejected(reason));
        }
        number.setLength(0);
        state = State.SKIPPING;
        lastKey = now;
    }

    private DecodedFrame complete() {
        if (number.length() < MIN_NUMBER_LENGTH) {
            return DecodedFrame.rejected("shorter than " + MIN_NUMBER_LENGTH + " characters");
        }
        return DecodedFrame.badge(number.toString());
    }
}
