package io.lethe.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.Entity;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.JavaTypeVariable;
import com.tngtech.archunit.core.domain.JavaWildcardType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import io.lethe.db.Sql;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.groups.UniAwait;
import io.smallrye.mutiny.groups.UniAwaitOptional;

/**
 * The intended structure of Lethe (README "Architecture"), checked on the compiled classes. Main
 * and test classes are imported together: the structure rules look at main code only, the last
 * rule at the layout of the tests. Each rule is a field; {@link #rules()} runs every one of them as
 * its own test (a Jupiter factory rather than ArchUnit's JUnit 5 engine, which finds no tests on
 * the JUnit 6 platform that Quarkus brings).
 */
class ArchitectureTest {
    private static final String ROOT = "io.lethe.";

    private static final ImportOption NOT_TESTS = new ImportOption.DoNotIncludeTests();

    static final DescribedPredicate<JavaClass> MAIN = describe("main code", ArchitectureTest::isMain);

    static final DescribedPredicate<JavaClass> TESTS = describe("test code", c -> !isMain(c));

    /** GraphQL API classes and JAX-RS resources: the thin layer that only translates calls. */
    static final DescribedPredicate<JavaClass> API_CLASSES = describe("API classes (@GraphQLApi, JAX-RS resources)",
            c -> c.isAnnotatedWith(GraphQLApi.class) || isResource(c));

    /** Where HTTP statuses are decided: JAX-RS resources and the REST exception mappers. */
    static final DescribedPredicate<JavaClass> REST_CLASSES = describe("REST classes (resources, exception mappers)",
            c -> isResource(c) || c.getMethods().stream().anyMatch(m -> m.isAnnotatedWith(ServerExceptionMapper.class)));

    /** Code that runs on the Vert.x event loop. */
    static final DescribedPredicate<JavaClass> EVENT_LOOP_CODE = describe(
            "GraphQL resolvers, interceptors, security and GraphQL plumbing",
            c -> c.isAnnotatedWith(GraphQLApi.class) || c.isAnnotatedWith(Interceptor.class)
                    || c.getPackageName().startsWith(ROOT + "security") || c.getPackageName().startsWith(ROOT + "graphql"));

    private static final SliceAssignment FEATURE_SLICES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String pkg = c.getPackageName();
            if (!isMain(c) || !pkg.startsWith(ROOT)) {
                return SliceIdentifier.ignore();
            }
            if (pkg.equals(ROOT + "redaction.engine") || pkg.startsWith(ROOT + "redaction.engine.")) {
                return SliceIdentifier.of("redaction.engine");
            }
            return SliceIdentifier.of(topLevel(pkg));
        }

        @Override
        public String getDescription() {
            return "packages io.lethe.(*).., with io.lethe.redaction.engine as a slice of its own";
        }
    };

    static final ArchRule NO_PACKAGE_CYCLES = slices().assignedFrom(FEATURE_SLICES).should().beFreeOfCycles()
            .because("features build on each other in one direction; a cycle makes two features one");

    static final ArchRule REDACTION_ENGINE_IS_PURE = classes().that(MAIN).and().resideInAPackage(ROOT + "redaction.engine..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.google.i18n.phonenumbers..",
                    ROOT + "redaction.engine..")
            .because("the engine is pure Java with no I/O: benchmarked, evaluated and unit-tested on its own");

    static final ArchRule API_CLASSES_HAVE_NO_SQL = noClasses().that(MAIN).and(API_CLASSES)
            .should().dependOnClassesThat(resideInAnyPackage("io.vertx.mutiny.sqlclient..", "io.vertx.sqlclient..",
                    "io.vertx.pgclient..", "io.vertx.mutiny.pgclient..", "org.hibernate..", "io.quarkus.hibernate..")
                    .or(belongToAnyOf(Sql.class)))
            .because("API classes are thin: statements live in *Queries (reads) and services (writes)");

    static final ArchRule API_CLASSES_DO_NOT_PERSIST = noClasses().that(MAIN).and(API_CLASSES)
            .should().callMethodWhere(target(owner(assignableTo(PanacheEntityBase.class))))
            .because("finding, persisting and deleting entities is the services' job, inside their transactions");

    static final ArchRule NEUTRAL_API_PACKAGE = noClasses().that(MAIN).and().resideInAPackage(ROOT + "api..")
            .should().dependOnClassesThat(resideInAPackage("io.lethe..").and(not(resideInAPackage(ROOT + "api.."))))
            .because("io.lethe.api (errors, validation, paging) is shared by every feature and the GraphQL and REST"
                    + " layers, so it can depend on none of them");

    static final ArchRule GRAPHQL_PLUMBING_IS_A_LEAF = noClasses().that(MAIN).and().resideOutsideOfPackage(ROOT + "graphql..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + "graphql..")
            .because("io.lethe.graphql adapts SmallRye GraphQL; features, db and security speak io.lethe.api only,"
                    + " which REST shares");

    static final ArchRule SERVICES_THROW_NEUTRAL_ERRORS = noClasses().that(MAIN).and(not(REST_CLASSES))
            .should().dependOnClassesThat().areAssignableTo(WebApplicationException.class)
            .because("services are shared by GraphQL and REST: they throw io.lethe.api exceptions, which each"
                    + " layer turns into its own answer (extensions.code, HTTP status)");

    static final ArchRule JAX_RS_ONLY_IN_API_CLASSES = noClasses().that(MAIN).and(not(REST_CLASSES)).and(not(API_CLASSES))
            .should().dependOnClassesThat().resideInAPackage("jakarta.ws.rs..")
            .because("HTTP is the API layer's concern");

    static final ArchRule GRAPHQL_EXPOSES_RECORDS = methods().that(graphqlOperations())
            .should(exposeOnly("return", true))
            .because("GraphQL exposes records (or enums and scalars), never entities: an entity would leak columns"
                    + " and tie the contract to the schema");

    static final ArchRule GRAPHQL_TAKES_RECORDS = methods().that(graphqlOperations())
            .should(exposeOnly("argument", false))
            .because("GraphQL inputs are immutable records (or enums and scalars), validated by the services");

    static final ArchRule NO_FIELD_INJECTION = noFields().that().areDeclaredInClassesThat(MAIN)
            .should().beAnnotatedWith(Inject.class).orShould().beAnnotatedWith(ConfigProperty.class)
            .because("injection is by constructor: final fields, dependencies visible, plain tests");

    static final ArchRule NO_METHOD_INJECTION = noMethods().that().areDeclaredInClassesThat(MAIN)
            .should().beAnnotatedWith(Inject.class)
            .because("injection is by constructor: final fields, dependencies visible, plain tests");

    static final ArchRule NO_BLOCKING_ON_THE_EVENT_LOOP = noClasses().that(MAIN).and(EVENT_LOOP_CODE)
            .should().callMethodWhere(target(owner(belongToAnyOf(UniAwait.class, UniAwaitOptional.class))))
            .orShould().callMethodWhere(target(owner(assignableTo(Future.class))).and(target(nameMatching("get|join"))))
            .orShould().callMethod(Thread.class, "sleep", long.class)
            .because("resolvers, interceptors and security checks run on the Vert.x event loop; waiting there"
                    + " stalls every request on that thread");

    static final ArchRule TESTS_MIRROR_FEATURES = classes().that(TESTS).and().areTopLevelClasses()
            .and().resideInAPackage("io.lethe..")
            .should(resideInAFeaturePackage())
            .because("tests sit in the package of the feature they test (io.lethe.<feature>), shared helpers in"
                    + " io.lethe.support, benchmarks in io.lethe.bench, these rules in io.lethe.architecture");

    private static final JavaClasses CLASSES = new ClassFileImporter().importPackages("io.lethe");

    @TestFactory
    Stream<DynamicTest> rules() throws IllegalAccessException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Field field : ArchitectureTest.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && ArchRule.class.isAssignableFrom(field.getType())) {
                ArchRule rule = (ArchRule) field.get(null);
                tests.add(DynamicTest.dynamicTest(field.getName(), () -> rule.check(CLASSES)));
            }
        }
        assertThat(tests).as("rules found").hasSizeGreaterThanOrEqualTo(14);
        return tests.stream();
    }

    private static boolean isMain(JavaClass c) {
        return c.getSource().map(source -> NOT_TESTS.includes(Location.of(source.getUri()))).orElse(true);
    }

    private static boolean isResource(JavaClass c) {
        return c.isAnnotatedWith(Path.class) || c.getMethods().stream().anyMatch(m -> m.isAnnotatedWith(Path.class));
    }

    private static String topLevel(String pkg) {
        String rest = pkg.substring(ROOT.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static DescribedPredicate<JavaMethod> graphqlOperations() {
        return describe("GraphQL operations (@Query, @Mutation, @Subscription, @Source resolvers)",
                m -> isMain(m.getOwner()) && m.getOwner().isAnnotatedWith(GraphQLApi.class)
                        && (m.isAnnotatedWith(Query.class) || m.isAnnotatedWith(Mutation.class)
                                || m.isAnnotatedWith(Subscription.class)
                                || m.getParameters().stream().anyMatch(p -> p.isAnnotatedWith(Source.class))));
    }

    /** Return type (or non-@Source argument types), unwrapped from Uni/Multi/collections, are records, enums or scalars. */
    private static ArchCondition<JavaMethod> exposeOnly(String what, boolean returnType) {
        return new ArchCondition<>("have only records, enums or scalars as " + what + " types") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                List<JavaType> types = new ArrayList<>();
                if (returnType) {
                    types.add(method.getReturnType());
                } else {
                    for (JavaParameter p : method.getParameters()) {
                        if (!p.isAnnotatedWith(Source.class)) {
                            types.add(p.getType());
                        }
                    }
                }
                List<JavaClass> leaves = new ArrayList<>();
                types.forEach(t -> leaves(t, leaves));
                for (JavaClass leaf : leaves) {
                    boolean ok = !leaf.isAnnotatedWith(Entity.class) && !CONTAINERS.contains(leaf.getName())
                            && (leaf.isRecord() || leaf.isEnum() || leaf.isPrimitive()
                                    || leaf.getPackageName().startsWith("java."));
                    if (!ok) {
                        events.add(SimpleConditionEvent.violated(method, method.getFullName() + " has " + what + " type "
                                + leaf.getName() + (leaf.isAnnotatedWith(Entity.class) ? ", an @Entity" : ", not a record")
                                + " in " + method.getSourceCodeLocation()));
                    }
                }
            }
        };
    }

    private static final Set<String> CONTAINERS = Set.of("io.smallrye.mutiny.Uni", "io.smallrye.mutiny.Multi",
            "java.util.List", "java.util.Collection", "java.util.Set", "java.util.Optional",
            "java.util.concurrent.CompletionStage", "java.util.concurrent.CompletableFuture");

    private static void leaves(JavaType type, List<JavaClass> out) {
        if (type instanceof JavaParameterizedType parameterized) {
            JavaClass raw = parameterized.toErasure();
            if (CONTAINERS.contains(raw.getName())) {
                parameterized.getActualTypeArguments().forEach(arg -> leaves(arg, out));
            } else {
                out.add(raw);
            }
        } else if (type instanceof JavaWildcardType wildcard) {
            wildcard.getUpperBounds().forEach(bound -> leaves(bound, out));
        } else if (type instanceof JavaTypeVariable<?> variable) {
            variable.getUpperBounds().forEach(bound -> leaves(bound, out));
        } else {
            JavaClass c = type.toErasure();
            // a raw container stays a leaf and fails the check: it hides its element type
            out.add(c.isArray() ? c.getBaseComponentType() : c);
        }
    }

    /** io.lethe.<feature>.. where <feature> is a main package, or one of the test-only packages. */
    private static ArchCondition<JavaClass> resideInAFeaturePackage() {
        return new ArchCondition<>("reside in a feature package") {
            private Set<String> allowed;

            @Override
            public void init(java.util.Collection<JavaClass> allObjectsToTest) {
                allowed = new TreeSet<>(Set.of("support", "bench", "architecture"));
                CLASSES.stream().filter(ArchitectureTest::isMain).map(JavaClass::getPackageName)
                        .filter(p -> p.startsWith(ROOT)).forEach(p -> allowed.add(topLevel(p)));
            }

            @Override
            public void check(JavaClass c, ConditionEvents events) {
                String pkg = c.getPackageName();
                boolean ok = pkg.startsWith(ROOT) && allowed.contains(topLevel(pkg));
                if (!ok) {
                    events.add(SimpleConditionEvent.violated(c, c.getName() + " is in " + pkg
                            + ", not in a feature package " + allowed));
                }
            }
        };
    }
}
