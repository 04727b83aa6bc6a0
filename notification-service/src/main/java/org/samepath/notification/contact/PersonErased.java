package org.samepath.notification.contact;

/**
 * Published (synchronously, inside the Kafka listener call) when a contact-points tombstone erases a person: every
 * feature that holds data about them purges it before the offset is committed, so a failure retries the erasure.
 */
public record PersonErased(String personId) {}
