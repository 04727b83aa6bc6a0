package org.samepath.matching.people;

import org.bson.Document;

/**
 * Published (in-process, synchronously, before the Kafka offset is committed) after a newer snapshot of a person was
 * stored in the read model. {@code previous} is null for someone new.
 */
public record PersonChanged(String personId, Document previous, Document current) {

    public boolean isMentor() {
        return "MENTOR".equals(current.getString("role"));
    }

    public String status() {
        return current.getString("status");
    }

    public String previousStatus() {
        return previous == null ? null : previous.getString("status");
    }
}
