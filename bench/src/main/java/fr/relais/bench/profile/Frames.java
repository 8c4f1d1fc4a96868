package fr.relais.bench.profile;

import java.util.LinkedHashSet;
import java.util.Set;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;

/** Names for what a recorded stack shows: methods, the code that asked, the libraries on it. */
final class Frames {
    private Frames() {
    }

    static String method(RecordedFrame frame) {
        return method(frame.getMethod());
    }

    static String method(RecordedMethod method) {
        if (method == null) {
            return "?";
        }
        return className(method.getType()) + "." + method.getName();
    }

    static String className(RecordedClass type) {
        return type == null ? "?" : type.getName();
    }

    static boolean jdk(String method) {
        return method.startsWith("java.") || method.startsWith("jdk.") || method.startsWith("sun.");
    }

    /** The first frame outside the JDK (the code that asked), else the first above the locking machinery. */
    static String site(RecordedStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return "?";
        }
        for (RecordedFrame frame : stack.getFrames()) {
            String method = method(frame);
            if (!jdk(method)) {
                return method;
            }
        }
        for (RecordedFrame frame : stack.getFrames()) {
            String method = method(frame);
            if (!method.startsWith("jdk.internal.") && !method.startsWith("java.util.concurrent.locks.")
                    && !method.startsWith("java.lang.Object.wait")) {
                return method + " (JDK only)";
            }
        }
        return method(stack.getFrames().get(0));
    }

    /** The topmost frame of the hub's own code, or null. */
    static String hubFrame(RecordedStackTrace stack) {
        if (stack != null) {
            for (RecordedFrame frame : stack.getFrames()) {
                String method = method(frame);
                if (method.startsWith("fr.relais.hub.")) {
                    return method;
                }
            }
        }
        return null;
    }

    /** True if any frame is this method (class.method). */
    static boolean has(RecordedStackTrace stack, String method) {
        return stack != null && stack.getFrames().stream().anyMatch(frame -> method(frame).equals(method));
    }

    /**
     * The libraries on a stack, each once (org.sqlite, com.fasterxml.jackson, org.eclipse.paho,
     * io.netty, the JDBC proxies as jdk.proxy…); the JDK's own packages and the hub's are left out.
     */
    static Set<String> libraries(RecordedStackTrace stack) {
        Set<String> libraries = new LinkedHashSet<>();
        for (RecordedFrame frame : stack.getFrames()) {
            String type = className(frame.getMethod() == null ? null : frame.getMethod().getType());
            library(type).ifPresent(libraries::add);
        }
        return libraries;
    }

    static java.util.Optional<String> library(String type) {
        if (type.startsWith("jdk.proxy")) {
            return java.util.Optional.of("jdk.proxy (dynamic proxies)");
        }
        if (type.startsWith("java.time.")) {
            return java.util.Optional.of("java.time");
        }
        if (jdk(type) || type.startsWith("fr.relais.hub.") || type.equals("?")) {
            return java.util.Optional.empty();
        }
        String[] parts = type.split("\\.");
        boolean deeper = parts[1].equals("fasterxml") || parts[1].equals("eclipse") || parts[1].equals("relais");
        int keep = parts.length > 3 && deeper ? 3 : 2;
        return java.util.Optional.of(String.join(".", java.util.Arrays.copyOf(parts, Math.min(keep, parts.length - 1))));
    }
}
