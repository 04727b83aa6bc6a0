package org.samepath.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.samepath.contracts.profile.ConsentedTag;
import org.samepath.contracts.profile.MatchPreference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every catalogued event has a JSON Schema and a sample that agree with each other and with the record that producers
 * and consumers share, so neither the documentation nor the wire format can drift from the code.
 */
class EventContractsTests {

    /** Configured like a consumer: unknown fields are ignored, which is what makes additive evolution safe. */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Formats (date-time, date, uuid, email) are only annotations in 2020-12 unless asserted; assert them. */
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            registry -> registry.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private static final Pattern RECORD_KEY = Pattern.compile("Record key: [^(]*\\((\\w+)\\)");

    static Stream<Arguments> catalog() {
        return EventCatalog.ALL.stream().map(type -> Arguments.of(Named.of(type.type(), type)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalog")
    void everyCatalogEntryHasASchemaThatIsAValidDraft202012Schema(EventType<?> type) {
        JsonNode schemaNode = schemaNode(type);
        Schema metaSchema = SCHEMAS.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));

        assertThat(schemaNode.path("$schema").asString()).isEqualTo(SpecificationVersion.DRAFT_2020_12.getDialectId());
        assertThat(metaSchema.validate(schemaNode)).isEmpty();
        Schema schema = SCHEMAS.getSchema(schemaNode);
        schema.initializeValidators(); // resolves every $ref now, so a dangling one fails here
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalog")
    void everySchemaIdentifiesItsRecordTopicKeyAndEvolutionRule(EventType<?> type) {
        JsonNode schema = schemaNode(type);
        String fileName = type.schemaResource().substring(type.schemaResource().lastIndexOf('/') + 1);

        assertThat(schema.path("$id").asString()).isEqualTo("https://samepath.org/schemas/" + fileName);
        assertThat(schema.path("title").asString())
                .isEqualTo(type.payloadClass().getSimpleName());
        assertThat(schema.path("type").asString()).isEqualTo("object");
        assertThat(schema.path("additionalProperties").isBoolean()).isTrue();
        assertThat(schema.path("additionalProperties").booleanValue()).isTrue();
        assertThat(schema.path("description").asString())
                .contains("Topic: " + type.topic() + ".")
                .contains(type.type())
                .containsPattern(RECORD_KEY)
                .contains("ignore unknown fields");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalog")
    void everySampleValidatesAgainstItsSchema(EventType<?> type) {
        assertThat(validate(type, sampleNode(type))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalog")
    void everySampleRoundTripsThroughItsRecordUnchanged(EventType<?> type) throws IOException {
        byte[] sample = sampleBytes(type);

        Object event = MAPPER.readValue(sample, type.payloadClass());
        JsonNode written = MAPPER.readTree(MAPPER.writeValueAsBytes(event));

        assertThat(event).isInstanceOf(DomainEvent.class);
        assertThat(written).isEqualTo(MAPPER.readTree(sample));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalog")
    void everySampleHasTheDocumentedRecordKeyAsItsAggregateId(EventType<?> type) throws IOException {
        Matcher key = RECORD_KEY.matcher(schemaNode(type).path("description").asString());
        assertThat(key.find()).isTrue();

        DomainEvent event = (DomainEvent) MAPPER.readValue(sampleBytes(type), type.payloadClass());

        assertThat(event.aggregateId())
                .isNotBlank()
                .isEqualTo(sampleNode(type).path(key.group(1)).asString());
        assertThat(event.eventId()).isEqualTo(sampleNode(type).path("eventId").asString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalog")
    void everySchemaListsExactlyTheRecordComponents(EventType<?> type) {
        assertThat(schemaNode(type).path("properties").propertyNames())
                .containsExactly(componentNames(type.payloadClass()));
    }

    @Test
    void nestedValueSchemasListExactlyTheirRecordComponents() {
        JsonNode defs = schemaNode(EventCatalog.MATCHABLE_PROFILE_CHANGED).path("$defs");

        assertThat(defs.path("consentedTag").path("properties").propertyNames())
                .containsExactly(componentNames(ConsentedTag.class));
        assertThat(defs.path("matchPreference").path("properties").propertyNames())
                .containsExactly(componentNames(MatchPreference.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalog")
    void requiredPropertiesAreExactlyTheNonNullableOnes(EventType<?> type) {
        JsonNode schema = schemaNode(type);
        List<String> nonNullable = new ArrayList<>();
        schema.path("properties").forEachEntry((name, property) -> {
            if (!isNullable(property)) {
                nonNullable.add(name);
            }
        });
        List<String> primitives = Arrays.stream(type.payloadClass().getRecordComponents())
                .filter(component -> component.getType().isPrimitive())
                .map(RecordComponent::getName)
                .toList();

        assertThat(schema.path("required").values())
                .extracting(JsonNode::asString)
                .containsExactlyElementsOf(nonNullable);
        assertThat(nonNullable).containsAll(primitives);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalog")
    void consumersIgnoreUnknownFields(EventType<?> type) throws IOException {
        ObjectNode evolved = sampleNode(type);
        evolved.put("fieldAddedInALaterRelease", "ignored by v1 consumers");

        assertThat(validate(type, evolved)).isEmpty();
        assertThat(MAPPER.treeToValue(evolved, type.payloadClass()))
                .isEqualTo(MAPPER.readValue(sampleBytes(type), type.payloadClass()));
    }

    @Test
    void mentorSnapshotWithMentorOnlyFieldsValidatesAndRoundTrips() {
        EventType<?> type = EventCatalog.MATCHABLE_PROFILE_CHANGED;
        ObjectNode mentor = sampleNode(type);
        asMentor(mentor);

        Object event = MAPPER.treeToValue(mentor, type.payloadClass());

        assertThat(validate(type, mentor)).isEmpty();
        assertThat(MAPPER.readTree(MAPPER.writeValueAsString(event))).isEqualTo(mentor);
    }

    static Stream<Arguments> invalidEvents() {
        return Stream.of(
                invalid(
                        "a PRIVATE lived-experience tag",
                        EventCatalog.MATCHABLE_PROFILE_CHANGED,
                        "consent",
                        event -> ((ObjectNode) event.path("livedExperience").get(0)).put("consent", "PRIVATE")),
                invalid("a PRIVATE faith", EventCatalog.MATCHABLE_PROFILE_CHANGED, "consent", event -> ((ObjectNode)
                                event.path("faith"))
                        .put("consent", "PRIVATE")),
                invalid(
                        "an unknown preference criterion",
                        EventCatalog.MATCHABLE_PROFILE_CHANGED,
                        "criterion",
                        event -> ((ObjectNode) event.path("preferences").get(0)).put("criterion", "ZODIAC")),
                invalid(
                        "a newcomer with a mentor-only capacity",
                        EventCatalog.MATCHABLE_PROFILE_CHANGED,
                        "capacity",
                        event -> event.put("capacity", 2)),
                invalid("a mentor capacity of 11", EventCatalog.MATCHABLE_PROFILE_CHANGED, "capacity", event -> {
                    asMentor(event);
                    event.put("capacity", 11);
                }),
                invalid("a mentor capacity of 0", EventCatalog.MATCHABLE_PROFILE_CHANGED, "capacity", event -> {
                    asMentor(event);
                    event.put("capacity", 0);
                }),
                invalid(
                        "a person id that is an email address",
                        EventCatalog.MATCHABLE_PROFILE_CHANGED,
                        "personId",
                        event -> event.put("personId", "alex@example.org")),
                invalid("a score above 100", EventCatalog.MENTOR_PROPOSED, "score", event -> event.put("score", 101)),
                invalid("a negative score", EventCatalog.MENTOR_PROPOSED, "score", event -> event.put("score", -1)),
                invalid(
                        "an event id that is not a UUID",
                        EventCatalog.MATCH_REQUEST_SUBMITTED,
                        "eventId",
                        event -> event.put("eventId", "42")),
                invalid(
                        "an occurredAt that is not a date-time",
                        EventCatalog.MATCH_REQUEST_SUBMITTED,
                        "occurredAt",
                        event -> event.put("occurredAt", "yesterday")),
                invalid(
                        "an occurredAt that is not in UTC",
                        EventCatalog.MATCH_REQUEST_SUBMITTED,
                        "occurredAt",
                        event -> event.put("occurredAt", "2026-11-21T11:16:02+01:00")),
                invalid(
                        "a missing request id",
                        EventCatalog.MATCH_REQUEST_SUBMITTED,
                        "requestId",
                        event -> event.remove("requestId")),
                invalid(
                        "a waitlisting without blocking reasons",
                        EventCatalog.MATCH_REQUEST_WAITLISTED,
                        "blockingReasons",
                        event -> event.putArray("blockingReasons")),
                invalid(
                        "an email opt-in without an email",
                        EventCatalog.CONTACT_POINT_CHANGED,
                        "email",
                        event -> event.putNull("email")),
                invalid(
                        "a malformed email",
                        EventCatalog.CONTACT_POINT_CHANGED,
                        "email",
                        event -> event.put("email", "not-an-email")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidEvents")
    void invalidEventsFailValidation(InvalidEvent invalid) {
        ObjectNode event = sampleNode(invalid.type());
        invalid.mutation().accept(event);

        List<Error> errors = validate(invalid.type(), event);

        assertThat(errors).isNotEmpty().anySatisfy(error -> assertThat(
                        error.getInstanceLocation() + " " + error.getMessage())
                .contains(invalid.field()));
    }

    @Test
    void ceTypesAreUniqueNamespacedAndVersioned() {
        List<String> ceTypes = EventCatalog.ALL.stream().map(EventType::type).toList();

        assertThat(ceTypes).hasSize(15).doesNotHaveDuplicates().allSatisfy(ceType -> assertThat(ceType)
                .startsWith("org.samepath.")
                .endsWith(".v1")
                .matches("[a-z0-9.-]+"));
    }

    @Test
    void schemaResourcesAreUniqueAndNamedAfterTheirCeType() {
        assertThat(EventCatalog.ALL).allSatisfy(type -> {
            String withoutVersion = type.type().substring(0, type.type().length() - ".v1".length());
            String eventName = withoutVersion.substring(withoutVersion.lastIndexOf('.') + 1);
            assertThat(type.schemaResource()).isEqualTo("schemas/" + eventName + ".v1.schema.json");
        });
        assertThat(EventCatalog.ALL.stream().map(EventType::schemaResource)).doesNotHaveDuplicates();
    }

    @Test
    void everyCatalogTopicIsADeclaredTopicConstant() {
        Set<String> declared = new HashSet<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                declared.add((String) readConstant(field));
            }
        }

        assertThat(declared).hasSize(4);
        assertThat(EventCatalog.ALL).extracting(EventType::topic).allSatisfy(topic -> assertThat(declared)
                .contains(topic));
    }

    @Test
    void deadLetterTopicAppendsDlt() {
        assertThat(Topics.deadLetter(Topics.MATCHING)).isEqualTo("samepath.matching.v1.dlt");
        assertThat(Topics.deadLetter(Topics.PROFILES)).isEqualTo("samepath.profiles.v1.dlt");
    }

    @Test
    void catalogFindsEveryEventByTypeAndByRecordClass() {
        assertThat(EventCatalog.ALL).allSatisfy(type -> {
            assertThat(EventCatalog.byType(type.type())).contains(type);
            assertThat(EventCatalog.of(type.payloadClass())).isSameAs(type);
        });
        assertThat(EventCatalog.byType("org.samepath.match.unknown.v1")).isEmpty();
        assertThat(EventCatalog.byType(null)).isEmpty();
    }

    @Test
    void profileSnapshotsCarryNoNameContactOrFreeText() {
        List<EventType<?>> profileEvents = EventCatalog.ALL.stream()
                .filter(type -> type.topic().equals(Topics.PROFILES))
                .toList();

        assertThat(profileEvents).isNotEmpty().allSatisfy(type -> {
            assertThat(allPropertyNames(sampleNode(type))).doesNotContain("displayName", "email", "name", "note");
            assertThat(schemaNode(type).path("properties").propertyNames())
                    .doesNotContain("displayName", "email", "name", "note");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalog")
    void onlyTheContactPointsTopicCarriesANameOrEmail(EventType<?> type) {
        Set<String> names = allPropertyNames(sampleNode(type));

        if (type.topic().equals(Topics.CONTACT_POINTS)) {
            assertThat(names).contains("displayName", "email");
        } else {
            assertThat(names).doesNotContain("displayName", "email", "name", "note");
        }
    }

    private static Arguments invalid(
            String description, EventType<?> type, String field, Consumer<ObjectNode> mutation) {
        return Arguments.of(Named.of(description, new InvalidEvent(type, field, mutation)));
    }

    private record InvalidEvent(EventType<?> type, String field, Consumer<ObjectNode> mutation) {}

    private static void asMentor(ObjectNode profile) {
        profile.put("role", "MENTOR");
        profile.put("status", "APPROVED");
        profile.put("recoverySince", "2019-04-01");
        profile.put("capacity", 3);
        profile.putNull("faith");
        profile.putNull("timeZone");
        profile.putArray("preferences");
    }

    private static List<Error> validate(EventType<?> type, JsonNode event) {
        return SCHEMAS.getSchema(schemaNode(type)).validate(event);
    }

    private static String[] componentNames(Class<?> recordClass) {
        return Arrays.stream(recordClass.getRecordComponents())
                .map(RecordComponent::getName)
                .toArray(String[]::new);
    }

    private static boolean isNullable(JsonNode property) {
        JsonNode type = property.path("type");
        if (type.isArray()) {
            return type.values().stream().anyMatch(member -> member.asString().equals("null"));
        }
        return property.path("anyOf").values().stream()
                .anyMatch(alternative -> alternative.path("type").asString().equals("null"));
    }

    private static Set<String> allPropertyNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        if (node.isObject()) {
            node.forEachEntry((name, value) -> {
                names.add(name);
                names.addAll(allPropertyNames(value));
            });
        } else if (node instanceof ArrayNode array) {
            array.values().forEach(element -> names.addAll(allPropertyNames(element)));
        }
        return names;
    }

    private static JsonNode schemaNode(EventType<?> type) {
        return MAPPER.readTree(resource(type.schemaResource()));
    }

    private static ObjectNode sampleNode(EventType<?> type) {
        return (ObjectNode) MAPPER.readTree(sampleBytes(type));
    }

    private static byte[] sampleBytes(EventType<?> type) {
        String schemaFile = type.schemaResource().substring("schemas/".length());
        return resource("samples/" + schemaFile.replace(".schema.json", ".json"));
    }

    private static byte[] resource(String path) {
        try (InputStream in = EventContractsTests.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as("classpath resource %s", path).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(path, e);
        }
    }

    private static Object readConstant(Field field) {
        try {
            return field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(field.getName(), e);
        }
    }
}
