package fr.relais.provisioning.command;

import java.time.Clock;

/** Lets tests move the commands' time forward (a rotation's overlap ending). */
public final class CommandClock {
    private CommandClock() {
    }

    public static void set(Clock clock) {
        DeploymentCommand.clock = clock;
    }

    public static void reset() {
        DeploymentCommand.clock = Clock.systemUTC();
    }
}
