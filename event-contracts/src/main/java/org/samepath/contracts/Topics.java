package org.samepath.contracts;

/** Kafka topic names. Producers and consumers refer to these constants, never to literals. */
public final class Topics {
    public static final String PROFILES = "samepath.profiles.v1";
    public static final String CONTACT_POINTS = "samepath.contact-points.v1";
    public static final String MATCHING = "samepath.matching.v1";
    public static final String SAFETY = "samepath.safety.v1";

    private Topics() {}

    /** The dead-letter topic of a topic: poison and exhausted records with their original bytes. */
    public static String deadLetter(String topic) {
        return topic + ".dlt";
    }
}
