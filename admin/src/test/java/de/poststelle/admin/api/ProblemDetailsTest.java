package de.poststelle.admin.api;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ProblemDetail;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every error of the API is RFC 9457 problem details with a message a client can act on, never a stack trace. */
class ProblemDetailsTest extends ApiTestBase {

    @Test
    void malformedJsonIsABadRequestWithItsPosition() {
        ApiClient.Reply reply = operator.post("/api/v1/tenants", "{\"name\": \"Amt\",");

        assertProblem(reply, 400, "the request body is not valid JSON");
    }

    @Test
    void missingBodyIsABadRequest() {
        ApiClient.Reply reply = operator.send("POST", "/api/v1/tenants", null);

        assertProblem(reply, 400, "a JSON request body is required");
    }

    @Test
    void invalidFieldsAreListedOneByOne() {
        ApiClient.Reply reply = operator.post("/api/v1/tenants",
                Map.of("name", " ", "contact", Map.of("email", "not-an-address")));

        assertProblem(reply, 400, "invalid fields");
        assertThat(reply.json().get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("name",
                "contact.email");
    }

    @Test
    void anUnknownEnumValueNamesTheFieldAndTheAllowedValues() {
        long tenant = createTenant(unique("Amt"));

        ApiClient.Reply reply = operator.post("/api/v1/tenants/" + tenant + "/domains", Map.of("name",
                unique("d") + ".example", "operatorSettings", Map.of("kind", "FAX", "direction", "SEND_ONLY",
                        "allowedSenders", java.util.List.of()),
                "deliverySettings", Map.of("unmappedPolicy", "BOUNCE_ALL")));

        assertProblem(reply, 400, "field operatorSettings.kind: 'FAX' is not one of DEMAIL, MAIL");
    }

    @Test
    void aPathValueOfTheWrongTypeIsABadRequest() {
        assertProblem(operator.get("/api/v1/tenants/abc"), 400, "tenantId: 'abc' is not a number");
        assertProblem(operator.put("/api/v1/tenants/1/admins/x/roles/KING", null), 400,
                "role: 'KING' is not one of USER_ADMIN, TECHNICAL_ADMIN, ACCOUNT_ADMIN");
    }

    @Test
    void aRuleOfTheModelIsABadRequestWithItsReason() {
        ApiClient.Reply reply = operator.put("/api/v1/clusters/Not_Valid", Map.of("description", "x"));

        assertProblem(reply, 400, "cluster name must be 1 to 63 lower-case letters, digits or dashes");
    }

    @Test
    void somethingThatDoesNotExistIsNotFound() {
        assertProblem(operator.get("/api/v1/domains/nowhere.example"), 404, "domain nowhere.example not found");
    }

    @Test
    void aTakenNameIsAConflict() {
        String name = unique("Amt");
        createTenant(name);

        ApiClient.Reply reply = operator.post("/api/v1/tenants", Map.of("name", name, "contact", Map.of()));

        assertProblem(reply, 409, "a tenant named " + name + " exists already");
    }

    @Test
    void noLoginIsUnauthorizedAsProblemDetails() {
        ApiClient.Reply reply = api.anonymous().get("/api/v1/tenants");

        assertProblem(reply, 401, "log in with HTTP Basic");
    }

    @Test
    void aDatabaseConflictIsAnsweredWithoutSql() {
        ProblemDetail problem = new ApiProblems().integrity(
                new DuplicateKeyException("Unique index violation: PUBLIC.TENANT(NAME) VALUES ('Amt')"));

        assertThat(problem.getStatus()).isEqualTo(409);
        assertThat(problem.getDetail()).doesNotContain("TENANT", "Amt");
    }

    @Test
    void anUnexpectedErrorIsAGeneric500() {
        ProblemDetail problem = new ApiProblems().unexpected(new IllegalStateException("pool exhausted at db:5432"));

        assertThat(problem.getStatus()).isEqualTo(500);
        assertThat(problem.getDetail()).isEqualTo("an unexpected error occurred; the server log has the details");
    }

    private static void assertProblem(ApiClient.Reply reply, int status, String detail) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("status").asInt()).isEqualTo(status);
        assertThat(reply.json().get("detail").asString()).contains(detail);
        assertThat(reply.body()).doesNotContain("Exception", "\tat ", "de.poststelle");
    }
}
