package org.samepath.platform.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * For listeners that take a whole poll at once: a record listener never sees a record whose key or value could not be
 * read (the container hands it to the error handler), but a batch listener gets it with the failure in a header and
 * must name it to the error handler itself ({@code BatchListenerFailedException} with its index), so that it is
 * dead-lettered exactly as a record listener's would be.
 */
public final class UnreadableRecords {

    private static final LogAccessor LOG = new LogAccessor(UnreadableRecords.class);

    private UnreadableRecords() {}

    /** Why this record's value (or key) could not be read, or null when it was read. */
    public static DeserializationException failureOf(ConsumerRecord<?, ?> record) {
        DeserializationException value = SerializationUtils.getExceptionFromHeader(
                record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
        return value != null
                ? value
                : SerializationUtils.getExceptionFromHeader(
                        record, SerializationUtils.KEY_DESERIALIZER_EXCEPTION_HEADER, LOG);
    }
}
