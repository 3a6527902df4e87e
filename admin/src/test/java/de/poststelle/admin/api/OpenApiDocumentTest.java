package de.poststelle.admin.api;

import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import tools.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The app serves an OpenAPI document of the whole REST API, readable without login. */
class OpenApiDocumentTest extends ApiTestBase {

    @Test
    void theDocumentListsEveryEndpointAndIsPublic() {
        ApiClient.Reply reply = api.anonymous().get("/v3/api-docs");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode document = reply.json();
        Set<String> documented = new TreeSet<>();
        document.get("paths").properties().forEach(path -> path.getValue().propertyNames()
                .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        assertThat(documented).containsExactlyInAnyOrderElementsOf(apiEndpoints());
        assertThat(document.get("components").get("securitySchemes").get("basic").get("scheme").asString())
                .isEqualTo("basic");
    }

    @Test
    void errorsAreDocumentedAsProblemDetails() {
        JsonNode document = api.anonymous().get("/v3/api-docs").json();

        JsonNode responses = document.get("paths").get("/api/v1/tenants/{tenantId}").get("get").get("responses");
        assertThat(responses.propertyNames()).contains("200", "400", "401", "403", "404", "500");
        assertThat(responses.get("404").toString()).contains("#/components/schemas/ProblemDetail");
    }

    /** Two request types with the same simple name would share one schema and the document would be wrong. */
    @Test
    void everyRequestBodyHasASchemaOfItsOwn() {
        JsonNode schemas = api.anonymous().get("/v3/api-docs").json().get("components").get("schemas");
        List<String> bodyTypes = handlerMapping.getHandlerMethods().values().stream()
                .flatMap(handler -> Arrays.stream(handler.getMethodParameters()))
                .filter(parameter -> parameter.hasParameterAnnotation(RequestBody.class))
                .map(MethodParameter::getParameterType)
                .filter(type -> type != String.class) // raw text such as a CSV import has no schema
                .distinct().map(Class::getSimpleName).toList();

        assertThat(bodyTypes).doesNotHaveDuplicates();
        assertThat(schemas.propertyNames()).containsAll(bodyTypes);
    }

    @Test
    void theDocumentShowsNoLoginInternalsOrSecrets() {
        JsonNode document = api.anonymous().get("/v3/api-docs").json();

        assertThat(document.get("components").get("schemas").propertyNames())
                .doesNotContain("Actor", "Authority", "AdminUser");
        assertThat(document.toString()).doesNotContainIgnoringCase("passwordHash").doesNotContainIgnoringCase("totp");
    }
}
