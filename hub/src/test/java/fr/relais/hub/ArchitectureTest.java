package fr.relais.hub;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceRule;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Keeps the hub's packages as issue 13 laid them out: dependencies point one way
 * ({@code Hub, HubMain → config → features → rollup → ingest.write → ingest, telemetry, registry
 * → web, db → protocol}), so a feature can be read, tested and changed without the rest.
 *
 * <p>The dependencies that still close a cycle, or still go the wrong way, are listed below. These
 * lists may only shrink: a new cycle fails the build, and so does an entry that is no longer
 * needed (remove it then), so that nobody can hide a new cycle behind an old entry.
 */
class ArchitectureTest {

    private static final String HUB = "fr.relais.hub";

    /**
     * "from -> to" between first-level packages of the hub, each closing a known cycle: none left since
     * 2026-12-06. An entry added here must say how the cycle will go.
     */
    private static final List<String> KNOWN_CYCLE_EDGES = List.of();

    /** Classes of the lowest layers (db, web, registry) that still use a feature: "from -> to". */
    private static final List<String> KNOWN_LOW_TO_FEATURE = List.of();

    private static final Set<String> FEATURES = Set.of("api", "auth", "alert", "notify", "command", "access",
            "cowork", "place", "van", "workshop", "appointment", "queue", "content", "metrics",
            // the dashboard's (issue 13)
            "live", "territory", "occupancy", "connectivity", "history", "demo");

    /** Packages whose own JDBC code still prepares statements, instead of going through db.Sql. */
    private static final Set<String> KNOWN_OWN_JDBC = Set.of(
            // ingest.write writes in its own batches' transactions: it keeps its statements (plan 1.4)
            "ingest",
            // the minute rollup inserts its rows as one JDBC batch and streams the raw rows per node
            "telemetry");

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(HUB);

    @Test
    void thePackagesHaveNoCyclesButTheKnownOnes() {
        SliceRule rule = slices().matching(HUB + ".(*)..").should().beFreeOfCycles();
        for (String edge : KNOWN_CYCLE_EDGES) {
            String[] ends = edge.split(" -> ");
            rule = rule.ignoreDependency(resideInAPackage(HUB + "." + ends[0] + ".."),
                    resideInAPackage(HUB + "." + ends[1] + ".."));
        }
        rule.check(CLASSES);
    }

    @Test
    void everyKnownCycleEdgeIsStillThere() {
        Set<String> edges = edgesBetweenPackages();
        assertThat(KNOWN_CYCLE_EDGES)
                .as("a known cycle edge that is gone must leave KNOWN_CYCLE_EDGES (the list only shrinks)")
                .allSatisfy(edge -> assertThat(edges).contains(edge));
        assertThat(KNOWN_LOW_TO_FEATURE)
                .as("a known wrong-way dependency that is gone must leave KNOWN_LOW_TO_FEATURE")
                .allSatisfy(edge -> assertThat(edges).contains(edge));
    }

    @Test
    void dbWebAndRegistryUseNoFeature() {
        Set<String> wrong = edgesBetweenPackages().stream()
                .filter(edge -> Set.of("db", "web", "registry").contains(edge.split(" -> ")[0]))
                .filter(edge -> FEATURES.contains(edge.split(" -> ")[1]))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(wrong).as("db, web and registry are below every feature").isSubsetOf(KNOWN_LOW_TO_FEATURE);
    }

    @Test
    void onlyDbAndTheKnownPackagesPrepareTheirOwnStatements() {
        Set<String> preparing = CLASSES.stream()
                .flatMap(type -> type.getMethodCallsFromSelf().stream())
                .filter(ArchitectureTest::preparesAStatement)
                .map(call -> firstLevel(call.getOriginOwner()))
                .flatMap(Optional::stream)
                .filter(name -> !name.equals("db"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(preparing).as("JDBC goes through fr.relais.hub.db (Sql)").isSubsetOf(KNOWN_OWN_JDBC);
        assertThat(KNOWN_OWN_JDBC).as("a package that no longer prepares statements must leave KNOWN_OWN_JDBC")
                .isSubsetOf(preparing);
    }

    @Test
    void nothingDependsOnTheHubsAssembly() {
        noClasses().that().resideOutsideOfPackage(HUB)
                .should().dependOnClassesThat().haveFullyQualifiedName(HUB + ".Hub")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(HUB + ".HubMain")
                .because("Hub and HubMain assemble the features; a feature gets what it needs through its constructor")
                .check(CLASSES);
    }

    @Test
    void theRuleSeesTheWholeHub() {
        // an import that found nothing would pass every rule above
        assertThat(edgesBetweenPackages()).contains("api -> auth", "auth -> web");
    }

    private static boolean preparesAStatement(JavaCall<?> call) {
        String name = call.getName();
        return call.getTargetOwner().isAssignableTo(Connection.class)
                && (name.equals("prepareStatement") || name.equals("prepareCall") || name.equals("createStatement"));
    }

    /** "a -> b" for every dependency of a class in package a to one in package b (first level below the hub). */
    private static Set<String> edgesBetweenPackages() {
        Set<String> edges = new TreeSet<>();
        for (JavaClass type : CLASSES) {
            for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                Optional<String> from = firstLevel(dependency.getOriginClass());
                Optional<String> to = firstLevel(dependency.getTargetClass());
                if (from.isPresent() && to.isPresent() && !from.equals(to)) {
                    edges.add(from.get() + " -> " + to.get());
                }
            }
        }
        return edges;
    }

    private static Optional<String> firstLevel(JavaClass type) {
        String pkg = type.getPackageName();
        if (!pkg.startsWith(HUB + ".")) {
            return Optional.empty();
        }
        return Optional.of(pkg.substring(HUB.length() + 1).split("\\.")[0]);
    }
}
