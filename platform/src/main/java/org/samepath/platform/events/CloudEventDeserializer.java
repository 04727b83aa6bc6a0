package org.samepath.platform.events;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.samepath.contracts.CloudEventHeaders;
import org.samepath.contracts.DomainEvent;
import org.samepath.contracts.EventCatalog;
import org.samepath.contracts.EventType;

/**
 * Reads a CloudEvents binary-mode record into the event record its {@code ce_type} names. Used as the delegate of
 * Spring Kafka's {@code ErrorHandlingDeserializer}, so anything it cannot read (garbage bytes, a wrong shape, an
 * unknown or missing type, a type on the wrong topic) becomes a dead letter instead of blocking the partition. A null
 * value is a tombstone and stays null.
 */
public class CloudEventDeserializer implements Deserializer<Object> {

    @Override
    public Object deserialize(String topic, byte[] data) {
        throw new UnreadableEventException("CloudEvents binary mode needs the record headers");
    }

    @Override
    public Object deserialize(String topic, Headers headers, byte[] data) {
        if (data == null) {
            return null;
        }
        String ceType = text(headers.lastHeader(CloudEventHeaders.TYPE));
        EventType<?> type = EventCatalog.byType(ceType)
                .orElseThrow(() -> new UnreadableEventException("Unknown ce_type '" + ceType + "' on " + topic));
        if (!type.topic().equals(topic) && !topic.equals(type.topic() + ".retry")) {
            throw new UnreadableEventException(ceType + " does not belong on " + topic);
        }
        try {
            Object event = EventJson.MAPPER.readValue(data, type.payloadClass());
            if (!(event instanceof DomainEvent domainEvent)
                    || domainEvent.eventId() == null
                    || domainEvent.aggregateId() == null
                    || domainEvent.occurredAt() == null) {
                throw new UnreadableEventException(ceType + " on " + topic + " lacks its id, aggregate id or time");
            }
            return event;
        } catch (tools.jackson.core.JacksonException e) {
            throw new UnreadableEventException("Unreadable " + ceType + " on " + topic + ": " + e.getOriginalMessage());
        }
    }

    private static String text(Header header) {
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
