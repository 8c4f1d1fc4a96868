package fr.relais.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.hub.ApiClient;
import fr.relais.hub.HubUnderTest;
import fr.relais.hub.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every answer carries the browser-facing headers, whatever route, status or caller, and none
 * is stored by the browser. (AlertsBrowserTest shows the dashboard works under them.)
 */
class SecurityHeadersTest {
    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    private TestDatabase database;
    private HubUnderTest hub;

    @BeforeEach
    void start(MosquittoProcess broker, @TempDir Path dir) throws Exception {
        database = TestDatabase.create(TestDatabase.Kind.SQLITE, dir);
        hub = HubUnderTest.start(broker.url(), database.url());
    }

    private static final String UPLOT = "/webjars/uplot/1.6.30/dist/";

    @AfterEach
    void stop() throws Exception {
        hub.close();
        database.close();
    }

    @Test
    void everyAnswerHasThemErrorsIncluded() throws Exception {
        int port = hub.hub().httpPort();
        ApiClient anonymous = ApiClient.anonymous(port);
        List<HttpResponse<String>> api = List.of(anonymous.get("/api/health"), anonymous.get("/api/nodes"),
                anonymous.send("POST", "/api/login", "{\"username\":\"admin\",\"password\":\"wrong-password\"}"),
                anonymous.send("POST", "/api/login", "{\"username\":"), anonymous.get("/api/openapi.yaml"),
                hub.api().get("/api/nodes"), hub.api().get("/api/no-such-route"), anonymous.get("/metrics"),
                hub.api().get("/metrics"), anonymous.send("POST", "/api/login", "x", "text/plain"));
        List<HttpResponse<String>> page = List.of(anonymous.get("/"), anonymous.get("/app/routes.js"),
                anonymous.get("/dashboard.css"), anonymous.get("/no-such-file"), anonymous.get("/app/main.js"),
                anonymous.get(UPLOT + "uPlot.esm.js"), anonymous.get(UPLOT + "uPlot.min.css"),
                anonymous.get("/webjars/uplot/1.6.30/no-such-file.js"));
        assertThat(api.stream().map(HttpResponse::statusCode))
                .containsExactly(200, 401, 401, 400, 200, 200, 404, 401, 200, 415);
        assertThat(page.stream().map(HttpResponse::statusCode)).containsExactly(200, 200, 200, 404, 200, 200, 200, 404);
        // A module script runs only when served as JavaScript (nosniff makes the browser strict about it).
        for (HttpResponse<String> script : List.of(page.get(4), page.get(5))) {
            assertThat(script.headers().firstValue("content-type")).as(script.uri().getPath())
                    .hasValueSatisfying(type -> assertThat(type).matches("(text|application)/javascript.*"));
        }
        assertThat(page.get(5).body()).as("uPlot from the hub's origin").contains("export { uPlot as default }");
        for (HttpResponse<String> answer : concat(api, page)) {
            String what = answer.request().method() + " " + answer.uri().getPath() + " (" + answer.statusCode() + ")";
            assertThat(answer.headers().firstValue("content-security-policy")).as(what)
                    .hasValue("default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
                            + " frame-ancestors 'none'");
            assertThat(answer.headers().firstValue("x-content-type-options")).as(what).hasValue("nosniff");
            assertThat(answer.headers().firstValue("x-frame-options")).as(what).hasValue("DENY");
            assertThat(answer.headers().firstValue("referrer-policy")).as(what).hasValue("no-referrer");
            assertThat(answer.headers().allValues("cache-control")).as(what).containsExactly("no-store");
        }
    }

    /**
     * The policy forbids inline scripts and styles: the dashboard's files must have none, or the
     * browser silently drops them (the browser test shows the page still works).
     */
    @Test
    void theDashboardHasNoInlineScriptOrStyle() throws IOException {
        String html = resource("index.html");
        assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE).matcher(html).find())
                .as("a <script> without src").isFalse();
        assertThat(html).doesNotContainPattern("(?i)<style|\\sstyle=|\\son[a-z]+=|javascript:");
        // The page loads one script, the module entry point, which imports the rest (WebrootHygieneTest reads them all).
        List<String> scripts = Pattern.compile("<script[^>]* src=\"([^\"]+)\"").matcher(html).results()
                .map(match -> match.group(1)).toList();
        assertThat(scripts).containsExactly("app/main.js");
        for (String script : scripts) {
            assertThat(resource(script)).as(script)
                    .doesNotContainPattern("(?i)setAttribute\\(\\s*['\"](style|on[a-z]+)['\"]|style=|cssText|\\beval\\(|new Function");
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SecurityHeadersTest.class.getResourceAsStream("/webroot/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<HttpResponse<String>> concat(List<HttpResponse<String>> a, List<HttpResponse<String>> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
