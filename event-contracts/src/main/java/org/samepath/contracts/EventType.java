package org.samepath.contracts;

/**
 * One kind of event: its CloudEvents {@code ce_type}, the topic it travels on, the record that is its value and the
 * JSON Schema that describes that value (a classpath resource of this module).
 */
public record EventType<T>(String type, String topic, Class<T> payloadClass, String schemaResource) {}
