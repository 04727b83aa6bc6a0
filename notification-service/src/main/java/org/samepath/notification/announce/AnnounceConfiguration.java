package org.samepath.notification.announce;

import org.samepath.notification.contact.ContactPoints;
import org.samepath.notification.delivery.EmailDelivery;
import org.samepath.notification.inbox.Inbox;
import org.samepath.notification.inbox.NotificationDraft.SharedContact;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AnnounceConfiguration {

    @Bean
    ProposalAnnouncements proposalAnnouncements(ContactPoints contactPoints) {
        return new ProposalAnnouncements(personId -> contactPoints
                .find(personId)
                .map(contact ->
                        new SharedContact(personId, contact.getString("displayName"), contact.getString("email"))));
    }

    @Bean
    Notifier notifier(Inbox inbox, EmailDelivery emailDelivery, ContactPoints contactPoints) {
        return new Notifier(inbox, emailDelivery, contactPoints);
    }

    @Bean
    MatchingEventsListener matchingEventsListener(ProposalAnnouncements proposalAnnouncements, Notifier notifier) {
        return new MatchingEventsListener(new RequestAnnouncements(), proposalAnnouncements, notifier);
    }

    @Bean
    SafetyEventsListener safetyEventsListener(Notifier notifier) {
        return new SafetyEventsListener(new SafetyAlerts(), notifier);
    }
}
