package org.samepath.platform.events;

import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes event values. Bytes pass through untouched (the outbox stores the JSON it will publish, and a dead letter
 * keeps the original bytes of a record that could not be read); an event record is written as JSON.
 */
public class EventValueSerializer implements Serializer<Object> {

    @Override
    public byte[] serialize(String topic, Object data) {
        if (data == null || data instanceof byte[]) {
            return (byte[]) data;
        }
        return EventJson.MAPPER.writeValueAsBytes(data);
    }
}
