package org.samepath.testsupport;

import org.samepath.embedded.EmbeddedKafka;
import org.samepath.embedded.EmbeddedMongo;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The one switch every integration test goes through. With Docker it starts real {@code apache/kafka} and
 * {@code mongo} (as a replica set) containers; without Docker (this project's development machines and CI) it starts
 * the embedded KRaft broker and the MongoDB-protocol stand-in. Each is started once per test JVM and shared; tests
 * isolate themselves with their own database names and ids. Force a choice with
 * {@code -Dsamepath.test.infrastructure=embedded|containers}.
 */
public final class TestInfrastructure {

    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    static final String MONGO_IMAGE = "mongo:8.0.17";

    private static Infrastructure embedded;
    private static Infrastructure containers;

    private TestInfrastructure() {}

    /** Containers where Docker is available (unless told otherwise), the embedded stand-ins elsewhere. */
    public static Infrastructure shared() {
        String choice = System.getProperty("samepath.test.infrastructure", "auto");
        boolean useContainers =
                switch (choice) {
                    case "containers" -> true;
                    case "embedded" -> false;
                    default -> dockerAvailable();
                };
        return useContainers ? containers() : embedded();
    }

    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    public static synchronized Infrastructure embedded() {
        if (embedded == null) {
            EmbeddedKafka kafka = EmbeddedKafka.start(0);
            EmbeddedMongo mongo = EmbeddedMongo.start(0);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                kafka.close();
                mongo.close();
            }));
            embedded = new Infrastructure() {
                public String kafkaBootstrapServers() {
                    return kafka.bootstrapServers();
                }

                public String mongoUri(String database) {
                    return mongo.uri(database);
                }

                public String description() {
                    return "embedded KRaft broker and mongo-java-server";
                }
            };
        }
        return embedded;
    }

    public static synchronized Infrastructure containers() {
        if (containers == null) {
            KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
            MongoDBContainer mongo = new MongoDBContainer(MONGO_IMAGE).withReplicaSet();
            kafka.start();
            mongo.start();
            containers = new Infrastructure() {
                public String kafkaBootstrapServers() {
                    return kafka.getBootstrapServers();
                }

                public String mongoUri(String database) {
                    return mongo.getReplicaSetUrl(database);
                }

                public String description() {
                    return "Testcontainers " + KAFKA_IMAGE + " and " + MONGO_IMAGE + " (replica set)";
                }
            };
        }
        return containers;
    }
}
