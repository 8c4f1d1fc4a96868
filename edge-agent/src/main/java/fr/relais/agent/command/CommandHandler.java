package fr.relais.agent.command;

import fr.relais.protocol.Command;

/** One remote command the node knows. Runs on the node's command thread, one at a time. */
public interface CommandHandler {
    Outcome execute(Command command);
}
