package de.poststelle.admin.api;

import de.poststelle.admin.testapp.AdminTestApplication;
import de.poststelle.admin.testapp.MutableClock;
import de.poststelle.admin.testapp.QueuedMails;
import de.poststelle.core.queue.MailQueue;
import de.poststelle.core.tenant.Role;
import de.poststelle.store.tenant.AdminUserRepository;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import javax.sql.DataSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the administration on a random port and sets up tenants, domains and admins through the API
 * itself, as an operator would. All tests share one database, so every name is made unique.
 */
@SpringBootTest(classes = AdminTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ApiTestBase {

    static final String OPERATOR_PASSWORD = "operator-password-1";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    @LocalServerPort
    int port;
    @Autowired
    AdminUserRepository users;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    MutableClock clock;
    @Autowired
    DataSource dataSource;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    @Autowired
    MailQueue queue;

    ApiClient api;
    ApiClient.Session operator;

    @BeforeEach
    void connectAsOperator() {
        api = new ApiClient(port);
        String name = unique("op");
        users.create(name, "Betreiber", "", true, passwords.encode(OPERATOR_PASSWORD));
        operator = api.as(name, OPERATOR_PASSWORD);
    }

    /** A name no other test uses, valid as user name and as domain label. */
    static String unique(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
    }

    /**
     * Every endpoint of the REST API as "METHOD /pattern", read from Spring's handler mapping; an
     * endpoint that accepts any method shows as "ANY" so that it cannot slip through.
     */
    Set<String> apiEndpoints() {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfo info : handlerMapping.getHandlerMethods().keySet()) {
            Set<String> methods = info.getMethodsCondition().getMethods().isEmpty() ? Set.of("ANY")
                    : info.getMethodsCondition().getMethods().stream().map(Enum::name).collect(Collectors.toSet());
            info.getPatternValues().stream().filter(pattern -> pattern.startsWith("/api/"))
                    .forEach(pattern -> methods.forEach(method -> endpoints.add(method + " " + pattern)));
        }
        return endpoints;
    }

    /** A mail waiting in the queue, as the SMTP server would have stored it; returns its queue id. */
    String enqueue(String sender, String recipient) {
        return QueuedMails.enqueue(queue, clock.instant(), sender, recipient);
    }

    String quarantine(String sender, String recipient, String reason) {
        return QueuedMails.quarantine(dataSource, clock.instant(), sender, recipient, reason);
    }

    long createTenant(String name) {
        ApiClient.Reply reply = operator.post("/api/v1/tenants", Map.of("name", name,
                "contact", Map.of("name", "Kontakt " + name, "email", "kontakt@example.org", "phone", "0351 000")));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.id();
    }

    void createMailDomain(long tenantId, String domain, String receivingHost) {
        created(operator.post("/api/v1/tenants/" + tenantId + "/domains", Map.of("name", domain,
                "operatorSettings", Map.of("kind", "MAIL", "direction", "SEND_AND_RECEIVE",
                        "allowedSenders", List.of("192.0.2.0/24")),
                "deliverySettings", Map.of("receivingServer",
                        Map.of("host", receivingHost, "port", 25, "tls", "REQUIRED"),
                        "unmappedPolicy", "BOUNCE_ALL"))));
    }

    void createDemailDomain(long tenantId, String domain) {
        created(operator.post("/api/v1/tenants/" + tenantId + "/domains", Map.of("name", domain,
                "operatorSettings", Map.of("kind", "DEMAIL", "direction", "SEND_AND_RECEIVE",
                        "allowedSenders", List.of()),
                "deliverySettings", Map.of("unmappedPolicy", "BOUNCE_ALL"))));
    }

    /** Creates a tenant admin holding the roles and logs in with the initial password the API gave once. */
    ApiClient.Session createAdmin(ApiClient.Session creator, long tenantId, String username, Role... roles) {
        ApiClient.Reply reply = creator.post("/api/v1/tenants/" + tenantId + "/admins", Map.of("username", username,
                "displayName", "Admin " + username, "email", username + "@example.org",
                "roles", Arrays.stream(roles).map(Role::name).toList()));
        created(reply);
        return api.as(username, reply.json().get("initialPassword").asString());
    }

    ApiClient.Session createAdmin(long tenantId, String username, Role... roles) {
        return createAdmin(operator, tenantId, username, roles);
    }

    static ApiClient.Reply created(ApiClient.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply;
    }

    static ApiClient.Reply ok(ApiClient.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isBetween(200, 204);
        return reply;
    }
}
