package fr.relais.agent.device.kiosk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * How one run of a command line ended: its exit code and what it printed, or why it did not
 * finish (it could not be started, or overran its timeout and was killed).
 *
 * @param problem empty when the program ran to its end, whatever its exit code
 */
record ProgramResult(List<String> command, OptionalInt exitCode, String output, String problem) {
    /** What an event keeps of the output: its end, where programs say what went wrong. */
    private static final int OUTPUT_IN_EVENTS = 500;

    ProgramResult {
        command = List.copyOf(command);
    }

    static ProgramResult finished(List<String> command, int exitCode, String output) {
        return new ProgramResult(command, OptionalInt.of(exitCode), output, "");
    }

    static ProgramResult failed(List<String> command, String problem) {
        return new ProgramResult(command, OptionalInt.empty(), "", problem);
    }

    boolean succeeded() {
        return exitCode.isPresent() && exitCode.getAsInt() == 0;
    }

    /** Why it did not succeed, in English for logs and metrics: the exit code or the problem. */
    String failure() {
        if (!problem.isEmpty()) {
            return problem;
        }
        return command.get(0) + " exited with status " + exitCode.orElse(-1)
                + (output.isBlank() ? "" : ": " + lastLine(output));
    }

    /** Why it did not succeed, in French, for a technician reading the dashboard. */
    String failureFr() {
        if (exitCode.isEmpty()) {
            return problem.contains("did not finish") ? "la commande " + command.get(0) + " n'a pas répondu à temps"
                    : "la commande " + command.get(0) + " n'a pas pu être lancée (" + problem + ")";
        }
        return "la commande " + command.get(0) + " a échoué (code " + exitCode.getAsInt() + ")";
    }

    /** The exit code, the end of the output and the problem, for an event's data. */
    Map<String, Object> data() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("command", capped(String.join(" ", command)));
        exitCode.ifPresent(code -> data.put("exitCode", (long) code));
        if (!output.isBlank()) {
            String kept = output.strip();
            data.put("output", kept.length() <= OUTPUT_IN_EVENTS ? kept
                    : "…" + kept.substring(kept.length() - OUTPUT_IN_EVENTS));
        }
        if (!problem.isEmpty()) {
            data.put("error", capped(problem));
        }
        return data;
    }

    /** A text short enough for a metric or an event field, whatever a program or its path said. */
    static String capped(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\\R");
        String last = lines[lines.length - 1];
        return last.length() <= 200 ? last : last.substring(0, 200) + "…";
    }
}
