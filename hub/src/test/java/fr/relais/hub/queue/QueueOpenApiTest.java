package fr.relais.hub.queue;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.hub.content.ContentChanges;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The queue routes and their description in openapi.yaml match, both ways, until the hub's router
 * mounts them and {@code OpenApiDocumentTest} checks them with every other route.
 */
class QueueOpenApiTest {
    @Test
    void everyQueueRouteIsDescribedAndNothingMore() throws Exception {
        String text;
        try (InputStream document = QueueOpenApiTest.class.getResourceAsStream("/openapi.yaml")) {
            text = new String(document.readAllBytes(), StandardCharsets.UTF_8);
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(text, null, options);
        assertThat(parsed.getMessages()).isEmpty();
        OpenAPI document = parsed.getOpenAPI();
        TreeSet<String> described = new TreeSet<>();
        document.getPaths().forEach((path, item) -> {
            if (path.startsWith("/api/queue/")) {
                item.readOperationsMap().keySet().forEach(method -> described.add(method.name() + " " + unnamed(path)));
            }
        });
        Vertx vertx = Vertx.vertx();
        try {
            Router router = Router.router(vertx);
            new QueueRoutes(vertx, null, ContentChanges.NONE, Clock.systemUTC()).mount(router);
            TreeSet<String> mounted = new TreeSet<>();
            for (Route route : router.getRoutes()) {
                route.methods().forEach(method -> mounted.add(method.name() + " " + unnamed(route.getPath())));
            }
            assertThat(mounted).hasSize(5).isEqualTo(described);
        } finally {
            vertx.close();
        }
    }

    private static String unnamed(String path) {
        return path.replaceAll(":[A-Za-z0-9_]+", "{}").replaceAll("\\{[^}]*}", "{}");
    }
}
