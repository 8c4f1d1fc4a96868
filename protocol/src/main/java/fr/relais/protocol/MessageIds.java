package fr.relais.protocol;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.util.UUID;

/**
 * New message and request ids. Time-ordered UUIDs (version 7) keep the hub's primary-key index
 * append-mostly, which matters when millions of rows arrive.
 */
public final class MessageIds {
    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private MessageIds() {
    }

    public static UUID next() {
        return GENERATOR.generate();
    }
}
