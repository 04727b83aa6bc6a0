package org.samepath.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.time.Duration;
import java.util.UUID;
import org.bson.Document;
import org.samepath.testsupport.ApiClient;
import org.samepath.testsupport.ApiClient.Response;
import org.samepath.testsupport.Infrastructure;

/**
 * The whole system for an end-to-end test class: the three services from their jars on the given Kafka and MongoDB,
 * the development token issuer, and a MongoDB client that can look into every service's database. Start it in
 * {@code @BeforeAll}, close it in {@code @AfterAll}.
 */
final class StackTestSupport implements AutoCloseable {

    static final Duration PROPAGATION = Duration.ofSeconds(30);
    static final String PROFILE_DATABASE = "samepath_profile";
    static final String MATCHING_DATABASE = "samepath_matching";
    static final String NOTIFICATION_DATABASE = "samepath_notification";

    private final RunningStack stack;
    private final MongoClient mongo;

    private StackTestSupport(RunningStack stack) {
        this.stack = stack;
        this.mongo = MongoClients.create(stack.mongoUri("admin"));
    }

    static StackTestSupport start(Infrastructure infrastructure) {
        RunningStack stack = RunningStack.start(StackSettings.forTests(
                LocalStack.projectRoot(), infrastructure.kafkaBootstrapServers(), infrastructure.mongoUri("samepath")));
        return new StackTestSupport(stack);
    }

    /**
     * A stack on a broker and MongoDB of its own, for tests that leave a lot behind (the demo data) which later test
     * classes on the shared infrastructure must not see.
     */
    static StackTestSupport startOnItsOwnInfrastructure() {
        return new StackTestSupport(RunningStack.start(StackSettings.forTests(LocalStack.projectRoot(), null, null)));
    }

    RunningStack stack() {
        return stack;
    }

    MongoClient mongo() {
        return mongo;
    }

    ApiClient api(String service) {
        return new ApiClient(stack.url(service));
    }

    /** A token from the development issuer, as an app would get one. */
    String token(String personId, String role) {
        Response issued = new ApiClient(stack.issuerUrl())
                .post("/dev/tokens", null, "{\"sub\":\"" + personId + "\",\"roles\":[\"" + role + "\"]}");
        assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
        return issued.json().get("access_token").asString();
    }

    Response putProfile(String personId, String role, String body) {
        return api(RunningStack.PROFILE).put("/api/v1/profiles/me", token(personId, role), body);
    }

    MongoCollection<Document> people() {
        return mongo.getDatabase(MATCHING_DATABASE).getCollection("people");
    }

    MongoCollection<Document> contactPoints() {
        return mongo.getDatabase(NOTIFICATION_DATABASE).getCollection("contact_points");
    }

    static Document awaitDocument(MongoCollection<Document> collection, String id) {
        return await().atMost(PROPAGATION)
                .until(() -> collection.find(new Document("_id", id)).first(), document -> document != null);
    }

    static String newPersonId() {
        return "p-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void close() {
        mongo.close();
        stack.close();
    }
}
