package org.samepath.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.samepath.contracts.profile.ProfileStatus;
import org.samepath.testsupport.ApiClient;
import org.samepath.testsupport.CloudEventProducer;
import org.samepath.testsupport.ServiceTestProperties;
import org.samepath.testsupport.TestInfrastructure;
import org.samepath.testsupport.TestTokenIssuer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The invariants under concurrency, with two instances of matching-service on the same database and parallel
 * requests spread over both: a mentor is never over capacity, a newcomer never has two pending proposals or two
 * active matches, and one request never gets two proposals for the same mentor.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConcurrencyInvariantsTests {

    static final String DATABASE = "matching_concurrency_tests";
    private static final TestTokenIssuer tokens = TestTokenIssuer.shared();
    private static ConfigurableApplicationContext secondInstance;
    private static CloudEventProducer producer;

    @LocalServerPort
    int port;

    @Autowired
    MongoClient mongo;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, DATABASE);
    }

    /** A second matching-service on the same database, Kafka topics and consumer groups. */
    @BeforeEach
    void startSecondInstance() {
        if (secondInstance == null) {
            Map<String, Object> properties = new HashMap<>();
            ServiceTestProperties.register((name, value) -> properties.put(name, value.get()), DATABASE);
            properties.put("server.port", 0);
            // As command-line arguments: they must win over application.yml, as the test context's properties do.
            String[] arguments = properties.entrySet().stream()
                    .map(property -> "--" + property.getKey() + "=" + property.getValue())
                    .toArray(String[]::new);
            secondInstance = new SpringApplicationBuilder(MatchingApplication.class).run(arguments);
            producer = new CloudEventProducer(TestInfrastructure.shared().kafkaBootstrapServers(), "/tests");
        }
    }

    @AfterAll
    static void stopSecondInstance() {
        if (secondInstance != null) {
            secondInstance.close();
            producer.close();
        }
    }

    @Test
    void racingNewcomersOnTwoInstancesNeverOverfillAMentor() throws Exception {
        PeopleFixtures people = new PeopleFixtures(producer);
        List<String> mentors = List.of(PeopleFixtures.newId("m"), PeopleFixtures.newId("m"), PeopleFixtures.newId("m"));
        mentors.forEach(m -> people.mentor(m, 2, ProfileStatus.APPROVED, 1, List.of("pt")));
        List<String> newcomers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String newcomer = PeopleFixtures.newId("n");
            newcomers.add(newcomer);
            people.newcomer(newcomer, List.of("pt"), List.of(PeopleFixtures.mustSpeak("pt")));
        }
        awaitPeople(mentors, newcomers);

        List<Integer> statuses = inParallel(newcomers.stream()
                .map(newcomer -> (Callable<Integer>) () -> instance(newcomer.hashCode())
                        .post("/api/v1/match-requests", tokens.token(newcomer, "NEWCOMER"), "{}")
                        .status())
                .toList());

        assertThat(statuses).containsOnly(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<Document> requests = requests();
            assertThat(requests).hasSize(12);
            assertThat(requests.stream().filter(r -> r.getString("status").equals("PROPOSED")))
                    .hasSize(3);
            assertThat(requests.stream().filter(r -> r.getString("status").equals("WAITLISTED")))
                    .hasSize(9);
        });
        for (String mentor : mentors) {
            assertThat(holds(mentor)).as("slots held for %s", mentor).hasSize(1);
            assertThat(pendingProposalsTo(mentor))
                    .as("pending proposals to %s", mentor)
                    .isEqualTo(1);
        }
    }

    @Test
    void aNewcomerClickingManyTimesOnBothInstancesGetsOneOpenRequest() throws Exception {
        PeopleFixtures people = new PeopleFixtures(producer);
        String mentor = PeopleFixtures.newId("m");
        String newcomer = PeopleFixtures.newId("n");
        people.mentor(mentor, 2, ProfileStatus.APPROVED, 5, List.of("nl"));
        people.newcomer(newcomer, List.of("nl"), List.of(PeopleFixtures.mustSpeak("nl")));
        awaitPeople(List.of(mentor), List.of(newcomer));

        List<Callable<Integer>> clicks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int instance = i;
            clicks.add(() -> instance(instance)
                    .post("/api/v1/match-requests", tokens.token(newcomer, "NEWCOMER"), "{}")
                    .status());
        }
        List<Integer> statuses = inParallel(clicks);

        assertThat(statuses.stream().filter(status -> status == 202)).hasSize(1);
        assertThat(statuses.stream().filter(status -> status == 409)).hasSize(9);
        assertThat(mongo.getDatabase(DATABASE)
                        .getCollection("match_requests")
                        .countDocuments(new Document("newcomerId", newcomer)))
                .isEqualTo(1);
        assertThat(holds(mentor)).hasSize(1);
    }

    private ApiClient instance(int which) {
        int secondPort = Integer.parseInt(secondInstance.getEnvironment().getProperty("local.server.port"));
        return new ApiClient("http://127.0.0.1:" + (Math.floorMod(which, 2) == 0 ? port : secondPort));
    }

    private static <T> List<T> inParallel(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> future : pool.invokeAll(tasks)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private void awaitPeople(List<String> mentors, List<String> newcomers) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (String id : concat(mentors, newcomers)) {
                assertThat(mongo.getDatabase(DATABASE)
                                .getCollection("people")
                                .find(new Document("_id", id))
                                .first())
                        .as(id)
                        .isNotNull();
            }
        });
        // Both instances' in-memory pools must know the mentors (each consumes part of the partitions).
        await().atMost(Duration.ofSeconds(10))
                .pollDelay(Duration.ofMillis(2500))
                .until(() -> true);
    }

    private static long poolSize(MeterRegistry registry) {
        return (long) registry.get("samepath.matching.pool.mentors").gauge().value();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private List<Document> requests() {
        return mongo.getDatabase(DATABASE).getCollection("match_requests").find().into(new ArrayList<>()).stream()
                .filter(r -> r.getString("newcomerId").startsWith("n-"))
                .filter(r -> r.getList("proposals", Document.class).stream()
                                .anyMatch(p -> p.getString("mentorId").startsWith("m-"))
                        || r.getString("status").equals("WAITLISTED"))
                .toList();
    }

    private List<Document> holds(String mentorId) {
        Document slots = mongo.getDatabase(DATABASE)
                .getCollection("mentor_slots")
                .find(new Document("_id", mentorId))
                .first();
        return slots == null ? List.of() : slots.getList("holds", Document.class);
    }

    private long pendingProposalsTo(String mentorId) {
        return mongo.getDatabase(DATABASE).getCollection("match_requests").find().into(new ArrayList<>()).stream()
                .flatMap(r -> r.getList("proposals", Document.class).stream())
                .filter(p -> p.getString("mentorId").equals(mentorId)
                        && p.getString("status").equals("PENDING"))
                .count();
    }
}
