package org.samepath.localstack;

import java.time.Duration;

/** What a developer needs once the stack is up: every URL and how to get a token. */
final class Banner {

    private Banner() {}

    static String text(RunningStack stack, StackSettings settings, Duration startup) {
        String issuer = stack.issuerUrl();
        return """

                ==================================================================================
                 Samepath local stack is ready (%d s). Ctrl-C stops everything.

                 profile-service        %s        (OpenAPI: /swagger-ui.html)
                 matching-service       %s        (coordinator dashboard: /dashboard)
                 notification-service   %s
                 token issuer (OIDC)    %s        (discovery: /.well-known/openid-configuration)
                 Kafka bootstrap        %s
                 MongoDB                %s
                 SMTP catcher           127.0.0.1:%d
                 service logs           %s

                 Get a token (any person id; roles NEWCOMER, MENTOR, COORDINATOR):
                   curl -s -X POST %s/dev/tokens -H 'Content-Type: application/json' \\
                        -d '{"sub":"mentor-1","roles":["MENTOR"]}'
                 Browser sign-in users: coordinator / mentor / newcomer, password "samepath".
                 Demo data for the dashboard: start with SAMEPATH_DEMO_DATA=true.
                ==================================================================================
                """
                .formatted(
                        startup.toSeconds(),
                        stack.url(RunningStack.PROFILE),
                        stack.url(RunningStack.MATCHING),
                        stack.url(RunningStack.NOTIFICATION),
                        issuer,
                        stack.kafkaBootstrap(),
                        stack.mongoUri(""),
                        stack.smtp().port(),
                        settings.projectRoot().resolve("local-stack/target/logs"),
                        issuer);
    }
}
