package org.samepath.localstack.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.bson.Document;
import org.samepath.localstack.LocalStack;
import org.samepath.localstack.RunningStack;
import org.samepath.localstack.StackSettings;
import org.samepath.testsupport.ApiClient;
import org.samepath.testsupport.ApiClient.Response;
import org.samepath.testsupport.ProfileFixtures;

/**
 * The whole system for a fault test, on infrastructure of its own: the stack starts its own Kafka broker (so a test
 * can stop and restart it), MongoDB stand-in, SMTP catcher and token issuer on free loopback ports, and the three
 * services from their jars. Also the people a test needs, created the way their apps would.
 */
final class FaultStack implements AutoCloseable {

    static final Duration PROPAGATION = Duration.ofSeconds(60);
    static final String MATCHING_DATABASE = "samepath_matching";
    static final String NOTIFICATION_DATABASE = "samepath_notification";
    static final int MENTOR_CAPACITY = 10;

    private final RunningStack stack;
    private final MongoClient mongo;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    private FaultStack(RunningStack stack) {
        this.stack = stack;
        this.mongo = MongoClients.create(stack.mongoUri("admin"));
    }

    static FaultStack start() {
        return new FaultStack(RunningStack.start(StackSettings.forTests(LocalStack.projectRoot(), null, null)));
    }

    RunningStack stack() {
        return stack;
    }

    MongoDatabase database(String name) {
        return mongo.getDatabase(name);
    }

    ApiClient api(String service) {
        return new ApiClient(stack.url(service));
    }

    /** A token from the development issuer (which runs in this JVM and is never faulted), one per person. */
    String token(String personId, String role) {
        return tokens.computeIfAbsent(personId + "/" + role, key -> {
            Response issued = new ApiClient(stack.issuerUrl())
                    .post("/dev/tokens", null, "{\"sub\":\"" + personId + "\",\"roles\":[\"" + role + "\"]}");
            assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
            return issued.json().get("access_token").asString();
        });
    }

    /** The people of one test: Spanish-speaking approved mentors and newcomers who must have one, all opted in. */
    record Cast(List<String> mentors, List<String> newcomers) {

        static String email(String personId) {
            return personId + "@example.org";
        }
    }

    /**
     * Creates approved mentors with {@link #MENTOR_CAPACITY} slots each and newcomers through profile-service, and
     * waits until matching-service can match them and notification-service can reach them.
     */
    Cast cast(String label, int mentors, int newcomers) {
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> mentorIds = IntStream.range(0, mentors)
                .mapToObj(i -> label + "-m" + i + "-" + run)
                .toList();
        List<String> newcomerIds = IntStream.range(0, newcomers)
                .mapToObj(i -> label + "-n" + i + "-" + run)
                .toList();
        ApiClient profiles = api(RunningStack.PROFILE);
        String coordinator = token("coordinator-faults", "COORDINATOR");
        // People sign up side by side, as they would; four at a time keeps the set-up short on two cores.
        ForkJoinPool signUps = new ForkJoinPool(4);
        try {
            signUps.submit(() -> mentorIds.parallelStream().forEach(id -> {
                        String profile = ProfileFixtures.mentor("Mentor " + id, Cast.email(id))
                                .replace("\"capacity\": 3", "\"capacity\": " + MENTOR_CAPACITY);
                        Response created = profiles.put("/api/v1/profiles/me", token(id, "MENTOR"), profile);
                        assertThat(created.status()).as(created.toString()).isEqualTo(201);
                        Response approved = profiles.post("/api/v1/mentors/" + id + "/approve", coordinator, "{}");
                        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
                    }))
                    .join();
            signUps.submit(() -> newcomerIds.parallelStream().forEach(id -> {
                        Response created = profiles.put(
                                "/api/v1/profiles/me",
                                token(id, "NEWCOMER"),
                                ProfileFixtures.newcomer("Newcomer " + id, Cast.email(id)));
                        assertThat(created.status()).as(created.toString()).isEqualTo(201);
                    }))
                    .join();
        } finally {
            signUps.shutdown();
        }
        var people = database(MATCHING_DATABASE).getCollection("people");
        var contactPoints = database(NOTIFICATION_DATABASE).getCollection("contact_points");
        var slots = database(MATCHING_DATABASE).getCollection("mentor_slots");
        await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(people.countDocuments(new Document("_id", new Document("$in", newcomerIds))))
                    .isEqualTo(newcomers);
            assertThat(people.countDocuments(
                            new Document("_id", new Document("$in", mentorIds)).append("status", "APPROVED")))
                    .isEqualTo(mentors);
            assertThat(slots.countDocuments(
                            new Document("_id", new Document("$in", mentorIds)).append("capacity", MENTOR_CAPACITY)))
                    .isEqualTo(mentors);
            List<String> everyone = new ArrayList<>(mentorIds);
            everyone.addAll(newcomerIds);
            assertThat(contactPoints.countDocuments(new Document("_id", new Document("$in", everyone))))
                    .isEqualTo(everyone.size());
        });
        return new Cast(mentorIds, newcomerIds);
    }

    @Override
    public void close() {
        mongo.close();
        stack.close();
    }
}
