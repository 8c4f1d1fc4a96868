package fr.relais.broker.testing;

import fr.relais.broker.MosquittoProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a real {@code mosquitto} with the project's development configuration on a free port
 * for a test class, and stops it afterwards. Tests receive the {@link MosquittoProcess} as a
 * parameter. Register it as a static field with {@code @RegisterExtension} for one broker per
 * class, or as an instance field for one broker per test. If the binary is missing, the test
 * fails with a message saying how to install it: a broker test never silently skips.
 */
public final class MosquittoExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {
    private MosquittoProcess broker;
    private boolean perClass;

    public MosquittoProcess broker() {
        if (broker == null) {
            throw new IllegalStateException("the broker is not started yet");
        }
        return broker;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        perClass = true;
        start(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (!perClass) {
            start(context);
        } else if (!broker.isRunning()) {
            broker.restart(); // a test stopped it to play an outage; the next one gets a live broker
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MosquittoProcess.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return broker();
    }

    private void start(ExtensionContext context) throws IOException {
        Path dir = Files.createTempDirectory("relais-mosquitto-" + context.getDisplayName().replaceAll("\\W", "") + "-");
        broker = MosquittoProcess.start(dir);
    }

    private void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
