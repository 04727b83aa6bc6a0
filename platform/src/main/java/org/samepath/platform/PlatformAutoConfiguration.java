package org.samepath.platform;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.time.Clock;
import org.samepath.platform.kafka.KafkaConfiguration;
import org.samepath.platform.mongo.MongoConfiguration;
import org.samepath.platform.outbox.OutboxConfiguration;
import org.samepath.platform.security.SecurityConfiguration;
import org.samepath.platform.web.ProblemDetailsAdvice;
import org.samepath.platform.web.RequestBodyLimitFilter;
import org.samepath.platform.web.ServerErrorsConfiguration;
import org.samepath.platform.web.WellFormedText;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.json.JsonMapper;

/** The cross-cutting mechanisms every Samepath service uses, each defined once, here. */
@AutoConfiguration
@Import({
    KafkaConfiguration.class,
    MongoConfiguration.class,
    OutboxConfiguration.class,
    SecurityConfiguration.class,
    ProblemDetailsAdvice.class,
    ServerErrorsConfiguration.class
})
public class PlatformAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
            @Value("${samepath.http.max-body-bytes:65536}") long maxBodyBytes, JsonMapper jsonMapper) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(maxBodyBytes, jsonMapper));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    JacksonModule wellFormedText() {
        return WellFormedText.module();
    }

    @Bean
    OpenAPI samepathOpenApi(@Value("${spring.application.name}") String applicationName) {
        return new OpenAPI()
                .info(new Info()
                        .title("Samepath " + applicationName)
                        .version("v1")
                        .description(
                                "Peer-mentor matching for recovery communities. Errors are application/problem+json."))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
