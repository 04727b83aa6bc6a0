package org.samepath.notification.delivery;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.samepath.notification.contact.ContactPoints;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeliveryProperties.class)
class DeliveryConfiguration {

    @Bean
    OutgoingEmails outgoingEmails(MongoDatabase database, Clock clock, DeliveryProperties properties) {
        return new OutgoingEmails(database, clock, properties.email());
    }

    @Bean
    SmtpGateway smtpGateway(JavaMailSenderImpl mailSender, DeliveryProperties properties) {
        return new SmtpGateway(
                mailSender, properties.email().from(), properties.email().messagesPerConnection());
    }

    @Bean
    EmailDispatcher emailDispatcher(OutgoingEmails emails, SmtpGateway smtpGateway, DeliveryProperties properties) {
        return new EmailDispatcher(emails, smtpGateway, properties.email());
    }

    @Bean
    EmailDelivery emailDelivery(
            OutgoingEmails emails,
            EmailDispatcher emailDispatcher,
            ContactPoints contactPoints,
            DeliveryProperties properties) {
        return new EmailDelivery(emails, emailDispatcher, contactPoints, properties.coordinatorEmails());
    }
}
