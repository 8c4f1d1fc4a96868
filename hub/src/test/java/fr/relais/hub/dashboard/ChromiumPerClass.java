package fr.relais.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One headless Chromium for all the tests of a class, register it in a {@code static} field with
 * {@code @RegisterExtension}. Instead of a new Chromium and profile for each test, the class's one is
 * {@link Browser#reset() reset} between tests (cookies, storage, blank page, window size), so each test still starts
 * from a browser that knows nothing. After each test the page's script errors are checked, as each class did.
 */
final class ChromiumPerClass implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    private Path profile;
    private Browser browser;

    /** The class's browser; only between its {@code @BeforeAll} and {@code @AfterAll}. */
    Browser browser() {
        if (browser == null) {
            throw new IllegalStateException("ChromiumPerClass must be registered in a static field");
        }
        return browser;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        profile = Files.createTempDirectory("relais-chromium-");
        browser = new Browser(profile);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        finishTest();
    }

    /**
     * Checks the page's script errors, then resets the browser. A class that stops its hub after each test
     * calls it first in its {@code @AfterEach}: a page left open on a stopped hub would log refused requests.
     * Calling it twice does no harm (the second finds a blank page and an empty console).
     */
    void finishTest() {
        try {
            assertThat(browser.scriptErrors()).as("errors in the page's scripts").isEmpty();
        } finally {
            browser.reset();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            browser = null;
            if (profile != null) {
                try (Stream<Path> files = Files.walk(profile)) {
                    // Chromium may still be writing in its profile as it quits: what cannot go now stays in /tmp.
                    files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
                }
            }
        }
    }
}
