package fr.relais.agent.device.gpio;

import fr.relais.agent.command.Outcome;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** The {@code signal} command of doors and readers: plays {@code args.pattern} on the LED and buzzer. */
final class SignalAction {
    static final String NAME = "signal";

    private SignalAction() {
    }

    static Outcome run(Supplier<Signals> signals, Map<String, Object> args) {
        Optional<Outcome> unknown = ActionArgs.unknown(NAME, args, Set.of("pattern"));
        if (unknown.isPresent()) {
            return unknown.get();
        }
        SignalPattern pattern;
        try {
            pattern = ActionArgs.choice(args, "pattern", SignalPattern.class);
        } catch (ActionArgs.Rejected e) {
            return e.outcome();
        }
        Signals current = signals.get();
        if (current == null) {
            return Outcome.failed("the device does not hold its lines");
        }
        if (!current.wired()) {
            return Outcome.rejected("this device has neither settings.led nor settings.buzzer");
        }
        current.play(pattern);
        return Outcome.ok(Map.of("pattern", pattern.wire()));
    }
}
