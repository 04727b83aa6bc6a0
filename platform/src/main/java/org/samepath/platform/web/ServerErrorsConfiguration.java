package org.samepath.platform.web;

import java.util.List;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * problem+json for the two kinds of refusal that happen before Spring MVC sees a request: Spring Security's firewall
 * (an encoded percent sign or dot, a semicolon in the path), whose default answer goes through the servlet error page
 * as plain JSON, and Tomcat's own (see {@link ProblemJsonErrorReportValve}).
 */
@Configuration(proxyBeanMethods = false)
public class ServerErrorsConfiguration {

    @Bean
    RequestRejectedHandler problemJsonRequestRejectedHandler(JsonMapper jsonMapper) {
        return (request, response, rejected) -> {
            ProblemDetail problem =
                    ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request path is not acceptable.");
            problem.setProperty("errors", List.of(new ProblemDetailsAdvice.FieldError("path", "is not acceptable")));
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            jsonMapper.writeValue(response.getOutputStream(), problem);
        };
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemJsonTomcatErrors() {
        return factory -> factory.addContextCustomizers(context -> ((StandardHost) context.getParent())
                .setErrorReportValveClass(ProblemJsonErrorReportValve.class.getName()));
    }
}
