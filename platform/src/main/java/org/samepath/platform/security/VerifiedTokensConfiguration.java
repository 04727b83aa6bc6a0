package org.samepath.platform.security;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** Every service's bearer-token decoder verifies each distinct token once ({@link VerifiedTokens}). */
@Configuration(proxyBeanMethods = false)
class VerifiedTokensConfiguration {

    @Bean
    static BeanPostProcessor verifiedTokens(ObjectProvider<Clock> clock) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof JwtDecoder decoder && !(bean instanceof VerifiedTokens)
                        ? new VerifiedTokens(decoder, clock.getIfAvailable(Clock::systemUTC))
                        : bean;
            }
        };
    }
}
