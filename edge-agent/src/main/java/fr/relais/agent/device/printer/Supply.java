package fr.relais.agent.device.printer;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * One consumable of the printer: a toner or ink cartridge, a drum, the waste toner tank.
 *
 * @param type        its PWG 5100.13 type in camelCase ({@code toner}, {@code inkCartridge},
 *                    {@code wasteToner}…), {@code unknown} when the printer does not say
 * @param colorant    its colour ({@code black}, {@code cyan}, {@code light-cyan}…), empty when it has none
 * @param description the printer's own name for it ({@code Black Toner}), possibly localised
 * @param percent     how full it is, when the printer knows
 * @param receptacle  whether it fills up as the printer works (a waste tank) instead of emptying
 */
record Supply(String type, String colorant, String description, OptionalInt percent, boolean receptacle) {
    /** Whether it is what prints: toner or ink, not a waste tank, a drum or a fuser. */
    boolean marksPaper() {
        String lower = type.toLowerCase(Locale.ROOT);
        return !receptacle && !lower.contains("waste") && (lower.contains("toner") || lower.contains("ink"));
    }
}
