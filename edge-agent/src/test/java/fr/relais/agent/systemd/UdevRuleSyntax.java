package fr.relais.agent.systemd;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * udev's rule syntax as udev(7) of systemd 252 describes it, checked the way {@code udevadm
 * verify} (systemd 253 and later, not in bookworm) would: a rule udev cannot parse is skipped
 * with a line in the journal that nobody reads on a Pi, and the device then stays root's.
 */
final class UdevRuleSyntax {
    private static final Pattern TOKEN = Pattern.compile(
            "\\G\\s*([A-Z_]+)(?:\\{([^}]*)})?\\s*(==|!=|\\+=|-=|:=|=)\\s*\"([^\"\\\\]*)\"\\s*(,|$)");
    private static final Set<String> MATCH_ONLY = Set.of("ACTION", "DEVPATH", "KERNEL", "KERNELS", "SUBSYSTEM",
            "SUBSYSTEMS", "DRIVER", "DRIVERS", "ATTRS", "TAGS", "TEST", "PROGRAM", "RESULT", "CONST");
    private static final Set<String> ASSIGN_ONLY = Set.of("OWNER", "GROUP", "MODE", "LABEL", "GOTO", "IMPORT", "RUN",
            "OPTIONS", "SECLABEL");
    private static final Set<String> EITHER = Set.of("NAME", "SYMLINK", "TAG", "ENV", "ATTR", "SYSCTL");
    private static final Set<String> WITH_ATTRIBUTE = Set.of("ATTR", "ATTRS", "SYSCTL", "ENV", "IMPORT", "SECLABEL",
            "CONST");
    private static final Set<String> IMPORT_TYPES = Set.of("program", "builtin", "file", "db", "cmdline", "parent");
    private static final Set<String> BUILTINS = Set.of("blkid", "btrfs", "hwdb", "input_id", "keyboard", "kmod",
            "net_id", "net_setup_link", "path_id", "usb_id", "uaccess");
    private static final Pattern MODE = Pattern.compile("0?[0-7]{3}");
    private static final Pattern SUBSTITUTION = Pattern.compile("\\$(\\w+)(\\{[^}]*})?|%(.)(\\{[^}]*})?");
    private static final Set<String> DOLLAR = Set.of("kernel", "number", "devpath", "id", "driver", "attr", "sysfs",
            "env", "major", "minor", "result", "parent", "name", "links", "root", "sys", "devnode", "tempnode");
    private static final Map<String, Boolean> PERCENT = Map.ofEntries(Map.entry("k", false), Map.entry("n", false),
            Map.entry("p", false), Map.entry("b", false), Map.entry("M", false), Map.entry("m", false),
            Map.entry("c", false), Map.entry("P", false), Map.entry("N", false), Map.entry("r", false),
            Map.entry("S", false), Map.entry("E", true), Map.entry("s", true), Map.entry("%", false));

    private UdevRuleSyntax() {
    }

    /**
     * Every problem found, as "line N: what", empty when the file is fine.
     *
     * @param groups the groups a GROUP= may name (those the installer makes sure exist)
     */
    static List<String> problems(String text, Set<String> groups) {
        List<String> problems = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        List<String> gotos = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = "line " + (i + 1) + ": ";
            if (line.endsWith("\\")) {
                problems.add(where + "a continued line (none is expected here)");
                continue;
            }
            Matcher token = TOKEN.matcher(line);
            int end = 0;
            boolean acts = false;
            while (end < line.length() && token.find() && token.start() == end) {
                end = token.end();
                String key = token.group(1);
                String attribute = token.group(2);
                String operator = token.group(3);
                String value = token.group(4);
                boolean match = operator.equals("==") || operator.equals("!=");
                acts |= !match;
                String problem = tokenProblem(key, attribute, operator, match, value, groups);
                if (problem != null) {
                    problems.add(where + problem);
                }
                if (key.equals("LABEL")) {
                    labels.add(value);
                } else if (key.equals("GOTO")) {
                    gotos.add(where + value);
                }
                if (token.group(5).isEmpty()) {
                    break;
                }
            }
            if (end < line.length()) {
                problems.add(where + "cannot read a KEY==\"value\" or KEY=\"value\" at '" + line.substring(end).strip() + "'");
            } else if (!acts) {
                problems.add(where + "only matches: a rule without an assignment does nothing");
            }
        }
        for (String jump : gotos) {
            String label = jump.substring(jump.indexOf(": ") + 2);
            if (!labels.contains(label)) {
                problems.add(jump.substring(0, jump.indexOf(": ") + 2) + "GOTO \"" + label + "\" has no LABEL");
            }
        }
        return problems;
    }

    private static String tokenProblem(String key, String attribute, String operator, boolean match, String value,
                                       Set<String> groups) {
        if (!MATCH_ONLY.contains(key) && !ASSIGN_ONLY.contains(key) && !EITHER.contains(key)) {
            return "unknown key " + key;
        }
        if (match && ASSIGN_ONLY.contains(key)) {
            return key + " can only be assigned, not compared (" + operator + ")";
        }
        if (!match && MATCH_ONLY.contains(key)) {
            return key + " can only be compared, not assigned (" + operator + ")";
        }
        if (WITH_ATTRIBUTE.contains(key) && (attribute == null || attribute.isEmpty())) {
            return key + " needs {an attribute}";
        }
        if (key.equals("IMPORT")) {
            if (!IMPORT_TYPES.contains(attribute)) {
                return "IMPORT{" + attribute + "} is not one of " + new java.util.TreeSet<>(IMPORT_TYPES);
            }
            if (attribute.equals("builtin") && !BUILTINS.contains(value.split(" ")[0])) {
                return "no udev builtin is named '" + value + "'";
            }
        }
        if (key.equals("MODE") && !MODE.matcher(value).matches()) {
            return "MODE \"" + value + "\" is not an octal mode such as 0660";
        }
        if (key.equals("GROUP") && !groups.contains(value)) {
            return "GROUP \"" + value + "\" is not one of the groups the installer makes sure of: "
                    + new java.util.TreeSet<>(groups);
        }
        if (key.equals("SYMLINK") && (value.startsWith("/") || value.contains(" "))) {
            return "SYMLINK \"" + value + "\" must be relative to /dev, without spaces";
        }
        return substitutionProblem(value);
    }

    private static String substitutionProblem(String value) {
        Matcher substitution = SUBSTITUTION.matcher(value);
        while (substitution.find()) {
            if (substitution.group(1) != null) {
                if (!DOLLAR.contains(substitution.group(1))) {
                    return "unknown substitution $" + substitution.group(1);
                }
                boolean braced = substitution.group(2) != null;
                boolean wantsBraces = Set.of("attr", "sysfs", "env").contains(substitution.group(1));
                if (braced != wantsBraces) {
                    return "$" + substitution.group(1) + (wantsBraces ? " needs" : " takes no") + " {…}";
                }
            } else {
                Boolean wantsBraces = PERCENT.get(substitution.group(3));
                if (wantsBraces == null) {
                    return "unknown substitution %" + substitution.group(3);
                }
                if (wantsBraces != (substitution.group(4) != null)) {
                    return "%" + substitution.group(3) + (wantsBraces ? " needs" : " takes no") + " {…}";
                }
            }
        }
        return null;
    }
}
