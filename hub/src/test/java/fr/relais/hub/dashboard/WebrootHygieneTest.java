package fr.relais.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's files read as text, without a browser: none builds markup from strings or runs
 * strings as code (what an injected device name would need), the page has no inline script or style
 * (the Content-Security-Policy would drop them), and every module import and every file the page
 * links resolves to a file the hub serves, so a typo is a failing test, not a blank screen.
 */
class WebrootHygieneTest {
    private static final Pattern FORBIDDEN = Pattern.compile("innerHTML|outerHTML|insertAdjacentHTML|\\beval\\s*\\("
            + "|new\\s+Function|setAttribute\\(\\s*['\"]style['\"]|document\\.write|cssText");
    private static final Pattern STATIC_IMPORT = Pattern.compile("(?m)^\\s*(?:import|export)\\s[^;]*?from\\s+\"([^\"]+)\"");
    private static final Pattern DYNAMIC_IMPORT = Pattern.compile("\\bimport\\(\\s*\"([^\"]+)\"\\s*\\)");
    private static final Pattern PAGE_LINK = Pattern.compile("<(?:script|link)\\b[^>]*?\\b(?:src|href)=\"([^\"]+)\"");

    private static Path webroot() throws URISyntaxException {
        return Path.of(WebrootHygieneTest.class.getResource("/webroot/index.html").toURI()).getParent();
    }

    private static List<Path> scripts() throws Exception {
        try (Stream<Path> files = Files.walk(webroot())) {
            return files.filter(f -> f.toString().endsWith(".js")).sorted().toList();
        }
    }

    @Test
    void noScriptBuildsMarkupFromStringsOrRunsStringsAsCode() throws Exception {
        List<Path> scripts = scripts();
        assertThat(scripts).extracting(f -> webroot().relativize(f).toString().replace('\\', '/'))
                .contains("app/main.js", "app/lib/dom.js", "app/screens/territoire.js");
        for (Path script : scripts) {
            Matcher found = FORBIDDEN.matcher(Files.readString(script));
            assertThat(found.find() ? found.group() : null).as(script.toString()).isNull();
        }
    }

    @Test
    void thePageHasNoInlineScriptNorStyleAndLoadsTheModuleApp() throws Exception {
        String html = Files.readString(webroot().resolve("index.html"));
        assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE).matcher(html).find())
                .as("a <script> without src").isFalse();
        assertThat(html).doesNotContainPattern("(?i)<style|\\sstyle=|\\son[a-z]+=|javascript:");
        assertThat(html).contains("<script type=\"module\" src=\"app/main.js\"></script>");
    }

    /** Module imports and the page's links: each names a file of the webroot or of a WebJar, as served. */
    @Test
    void everyImportAndLinkResolvesToAServedFile() throws Exception {
        Path webroot = webroot();
        List<String> missing = new ArrayList<>();
        int imports = 0;
        for (Path script : scripts()) {
            String source = Files.readString(script);
            for (Pattern pattern : List.of(STATIC_IMPORT, DYNAMIC_IMPORT)) {
                Matcher m = pattern.matcher(source);
                while (m.find()) {
                    imports++;
                    String target = m.group(1);
                    assertThat(target).as(script + ": an import is a path, never a bare name (no build step)")
                            .matches("(\\./|\\.\\./|/).*\\.js");
                    if (!served(webroot, script.getParent(), target)) {
                        missing.add(webroot.relativize(script) + " → " + target);
                    }
                }
            }
        }
        Matcher link = PAGE_LINK.matcher(Files.readString(webroot.resolve("index.html")));
        while (link.find()) {
            if (!served(webroot, webroot, link.group(1))) {
                missing.add("index.html → " + link.group(1));
            }
        }
        assertThat(imports).as("the module app imports its parts").isGreaterThan(10);
        assertThat(missing).isEmpty();
    }

    /** A /webjars/… path is served from the WebJars on the classpath, anything else from the webroot. */
    private static boolean served(Path webroot, Path from, String target) throws IOException {
        String path = target.startsWith("/") ? target : webroot.relativize(from.resolve(target).normalize())
                .toString().replace('\\', '/');
        path = path.replaceFirst("^/", "");
        if (path.startsWith("..")) {
            return false;
        }
        if (path.startsWith("webjars/")) {
            try (var in = WebrootHygieneTest.class.getResourceAsStream("/META-INF/resources/" + path)) {
                return in != null && in.readAllBytes().length > 0;
            }
        }
        return Files.isRegularFile(webroot.resolve(path))
                && new String(Files.readAllBytes(webroot.resolve(path)), StandardCharsets.UTF_8).length() > 0;
    }
}
