package de.poststelle.admin.api;

import de.poststelle.admin.access.Actor;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * The REST API under {@code /api/v1}: its controllers, its problem-details error handling and its
 * OpenAPI document at {@code /v3/api-docs} (springdoc; settings in {@code poststelle-api.properties}).
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = ApiConfiguration.class)
@PropertySource("classpath:poststelle-api.properties")
public class ApiConfiguration {

    private static final String BASIC = "basic";

    @Bean
    OpenAPI adminApiDocument() {
        // the acting admin comes from the login, not from the request
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class);
        return new OpenAPI()
                .info(new Info().title("Poststelle administration API").version("v1")
                        .description("Tenants, domains, address mappings, admins, delegations, change requests "
                                + "and the audit log. Errors are RFC 9457 problem details."))
                .components(new Components().addSecuritySchemes(BASIC,
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC));
    }
}
