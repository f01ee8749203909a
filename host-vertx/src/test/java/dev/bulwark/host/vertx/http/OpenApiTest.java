package dev.bulwark.host.vertx.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.host.embedded.BulwarkRuntime;
import dev.bulwark.host.embedded.RuntimeSettings;
import jakarta.validation.Valid;
import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The document states what the server checks: every constraint annotation on every command the API binds appears in
 * the command's schema, and every route is in it. (The writer refuses an annotation it does not know, so a new kind
 * of constraint cannot slip past.)
 */
class OpenApiTest {
    private static BulwarkRuntime runtime;
    private static List<Operation> OPERATIONS;

    @BeforeAll
    static void start() {
        runtime = BulwarkRuntime.builder().settings(RuntimeSettings.inMemory(java.nio.file.Path.of("target"))).start();
        OPERATIONS = ApiOperations.all(runtime, false);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> schemas(Map<String, Object> doc) {
        return (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyConstraintOfEveryCommandIsInItsSchema() {
        Map<String, Object> doc = OpenApi.document(OPERATIONS, "test");
        Map<String, Object> schemas = schemas(doc);
        Set<Class<?>> seen = new HashSet<>();
        List<Class<?>> todo = new ArrayList<>();
        OPERATIONS.stream().filter(op -> op.body() != null).forEach(op -> todo.add(op.body()));
        int checked = 0;
        while (!todo.isEmpty()) {
            Class<?> type = todo.removeLast();
            if (!seen.add(type)) {
                continue;
            }
            if (type.isSealed()) {
                todo.addAll(List.of(type.getPermittedSubclasses()));
                continue;
            }
            Map<String, Object> schema = (Map<String, Object>) schemas.get(OpenApi.schemaName(type));
            assertThat(schema).as(type.getName()).isNotNull();
            Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
            List<String> required = (List<String>) schema.getOrDefault("required", List.of());
            for (RecordComponent component : type.getRecordComponents()) {
                Map<String, Object> property = (Map<String, Object>) properties.get(component.getName());
                assertThat(property).as(type.getSimpleName() + "." + component.getName()).isNotNull();
                for (Annotation annotation : component.getAccessor().getAnnotations()) {
                    String name = annotation.annotationType().getSimpleName();
                    String where = type.getSimpleName() + "." + component.getName() + " @" + name;
                    switch (annotation) {
                        case jakarta.validation.constraints.NotNull n -> assertThat(required).as(where).contains(component.getName());
                        case jakarta.validation.constraints.NotBlank n -> assertThat(required).as(where).contains(component.getName());
                        case jakarta.validation.constraints.NotEmpty n -> assertThat(required).as(where).contains(component.getName());
                        case jakarta.validation.constraints.Size s -> {
                            String max = component.getType() == String.class ? "maxLength" : "maxItems";
                            if (s.max() != Integer.MAX_VALUE) {
                                assertThat(property).as(where).containsEntry(max, s.max());
                            }
                        }
                        case jakarta.validation.constraints.Pattern p ->
                                assertThat((String) property.get("pattern")).as(where).contains(p.regexp());
                        case jakarta.validation.constraints.Email e -> assertThat(property).as(where).containsEntry("format", "email");
                        case jakarta.validation.constraints.Positive p -> assertThat(property).as(where).containsEntry("exclusiveMinimum", 0);
                        case jakarta.validation.constraints.PositiveOrZero p -> assertThat(property).as(where).containsEntry("minimum", 0);
                        case jakarta.validation.constraints.DecimalMin m -> assertThat(property).as(where)
                                .containsKey(m.inclusive() ? "minimum" : "exclusiveMinimum");
                        case jakarta.validation.constraints.Min m -> assertThat(property).as(where).containsEntry("minimum", m.value());
                        case jakarta.validation.constraints.Max m -> assertThat(property).as(where).containsEntry("maximum", m.value());
                        case jakarta.validation.constraints.DecimalMax m -> assertThat(property).as(where)
                                .containsKey(m.inclusive() ? "maximum" : "exclusiveMaximum");
                        case jakarta.validation.constraints.Future f -> assertThat(property).as(where).containsKey("description");
                        case Valid v -> { }
                        default -> {
                            if (annotation.annotationType().getPackageName().startsWith("jakarta.validation")) {
                                throw new AssertionError("this test does not check " + where + " yet");
                            }
                        }
                    }
                    checked++;
                }
                if (component.getType().isRecord() || component.getType().isSealed()) {
                    todo.add(component.getType());
                }
            }
        }
        assertThat(checked).as("constraints checked").isGreaterThan(40);
    }

    @Test
    @SuppressWarnings("unchecked")
    void constraintsOnCollectionElementsAreStatedOnTheItems() {
        Map<String, Object> risk = (Map<String, Object>) schemas(OpenApi.document(OPERATIONS, "test")).get("BotCommands.Risk");
        Map<String, Object> symbols = (Map<String, Object>) ((Map<String, Object>) risk.get("properties")).get("allowedSymbols");
        assertThat(symbols).containsEntry("maxItems", 100);
        assertThat((String) ((Map<String, Object>) symbols.get("items")).get("pattern")).contains("[A-Za-z0-9]{1,20}/");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationIsDocumentedWithItsPathParametersAndProblemAnswers() {
        Map<String, Object> paths = (Map<String, Object>) OpenApi.document(OPERATIONS, "test").get("paths");
        for (Operation op : OPERATIONS) {
            String path = Api.PREFIX + op.path().replaceAll(":([a-z_]+)", "{$1}");
            Map<String, Object> item = (Map<String, Object>) paths.get(path);
            assertThat(item).as(path).isNotNull();
            Map<String, Object> operation = (Map<String, Object>) item.get(op.method().name().toLowerCase());
            assertThat(operation).as(op.method() + " " + path).isNotNull();
            assertThat((Map<String, Object>) operation.get("responses")).containsKeys(Integer.toString(op.status()), "default");
        }
    }

    @Test
    void theYamlQuotesEveryStringSoNothingIsMisread() {
        String yaml = OpenApi.yaml(OpenApi.document(OPERATIONS, "1.0"));
        assertThat(yaml).startsWith("\"openapi\": \"3.1.0\"\n").contains("\"/api/v1/venue-accounts/{account_id}\":")
                .contains("\"minLength\": 12");
        // a value like "no" or "1.0" must stay a string
        assertThat(yaml).contains("\"version\": \"1.0\"");
    }
}
