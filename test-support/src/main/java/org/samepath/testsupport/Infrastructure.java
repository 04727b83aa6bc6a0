package org.samepath.testsupport;

/** Where an integration test finds Kafka and MongoDB: real containers or the embedded stand-ins. */
public interface Infrastructure {

    String kafkaBootstrapServers();

    /** A connection string for one database. */
    String mongoUri(String database);

    /** Whether this is the embedded stand-in (no Docker) or real containers. */
    String description();
}
