package org.samepath.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.samepath.testsupport.ApiClient.Response;
import org.samepath.testsupport.JsonText.Raw;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.support.DefaultConversionService;

/**
 * Generated hostile requests against one endpoint at a time. An {@link Endpoint} describes how its rightful caller
 * calls it with valid input; {@link #cases} derives requests that each break exactly one thing (the token, the roles,
 * the path id, a query parameter, the JSON syntax, one field, the body's type, its size, its content type) and says
 * which 4xx each must get. The service's test sends them with {@link #send} and checks with {@link #assertRefused},
 * plus its own "nothing stored, nothing published".
 *
 * <p>Every generated body is invalid by construction: string values are filtered through the field's own acceptance
 * rule, and values a lenient JSON reader would coerce into valid ones (a number for a string, {@code "0"} for an enum)
 * are never used as "wrong types".
 */
public final class HostileRequests {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private HostileRequests() {}

    /** What is attacked; each names the status its requests must get. */
    public enum Attack {
        HOSTILE_TOKEN(401),
        HOSTILE_ROLES(403),
        HOSTILE_PATH_ID(404, 400),
        HOSTILE_QUERY(400),
        MALFORMED_JSON(400),
        INVALID_FIELD(400),
        MISSING_FIELD(400),
        UNKNOWN_FIELD(400),
        WRONG_BODY_TYPE(400),
        STRESS_WITHIN_LIMIT(400),
        WRONG_CONTENT_TYPE(415),
        OVERSIZED_BODY(413),
        CHUNKED_BODY(413);

        final Set<Integer> expected;

        Attack(Integer... expected) {
            this.expected = new LinkedHashSet<>(Arrays.asList(expected));
        }
    }

    public enum Type {
        STRING,
        BOOLEAN,
        INTEGER,
        DATE,
        ARRAY,
        OBJECT
    }

    /**
     * One field of a JSON body, by path ({@code reason}, {@code contact.email}, {@code livedExperience[0].tag}):
     * its type, whether it is required, which string forms the endpoint accepts (for strings, enums, numbers, dates),
     * and any further values known to be invalid (an empty list where one element is the minimum).
     */
    public record Field(
            String path,
            Type type,
            boolean required,
            Predicate<String> accepts,
            int maxLength,
            List<Object> alsoInvalid) {

        /** Free text: well-formed Unicode, {@code @NotBlank} when required, {@code @Size(max)}. */
        public static Field text(String path, boolean required, int maxLength) {
            return new Field(
                    path,
                    Type.STRING,
                    required,
                    value -> value.length() <= maxLength
                            && !(required && value.trim().isEmpty())
                            && HostileInput.isWellFormed(value),
                    maxLength,
                    List.of());
        }

        public static Field pattern(String path, boolean required, String regex) {
            Pattern pattern = Pattern.compile(regex);
            return new Field(
                    path, Type.STRING, required, value -> pattern.matcher(value).matches(), 0, List.of());
        }

        /** A string checked against a vocabulary. */
        public static Field oneOf(String path, boolean required, Set<String> allowed) {
            return new Field(path, Type.STRING, required, allowed::contains, 0, List.of());
        }

        /** A Java enum: JSON readers also take an index such as {@code "0"}, which is therefore never sent. */
        public static Field enumeration(String path, boolean required, Set<String> constants) {
            return new Field(
                    path,
                    Type.STRING,
                    required,
                    value -> constants.contains(value) || value.trim().matches("\\d+"),
                    0,
                    List.of());
        }

        public static Field flag(String path) {
            return new Field(
                    path,
                    Type.BOOLEAN,
                    false,
                    value -> Set.of("true", "false", "null", "")
                            .contains(value.trim().toLowerCase()),
                    0,
                    List.of());
        }

        public static Field integer(String path, boolean required, int min, int max) {
            return new Field(
                    path,
                    Type.INTEGER,
                    required,
                    value -> {
                        try {
                            long number = Long.parseLong(value.trim());
                            return number >= min && number <= max;
                        } catch (NumberFormatException notANumber) {
                            return value.chars().anyMatch(Character::isDigit) || value.isBlank();
                        }
                    },
                    0,
                    List.of());
        }

        public static Field date(String path, boolean required, Predicate<String> accepts) {
            return new Field(path, Type.DATE, required, accepts, 0, List.of());
        }

        public static Field array(String path, boolean required, Object... alsoInvalid) {
            return new Field(path, Type.ARRAY, required, value -> false, 0, List.of(alsoInvalid));
        }

        public static Field object(String path, boolean required) {
            return new Field(
                    path,
                    Type.OBJECT,
                    required,
                    value -> value.isBlank() || value.trim().equals("null"),
                    0,
                    List.of());
        }
    }

    /** A JSON body: a valid example and every field the endpoint declares (so none is mistaken for unknown). */
    public record Body(Map<String, Object> valid, List<Field> fields, boolean mayBeAbsent) {

        public static Body of(Map<String, Object> valid, Field... fields) {
            return new Body(valid, List.of(fields), false);
        }

        /** The endpoint also takes no body at all ({@code @RequestBody(required = false)}). */
        public Body orNone() {
            return new Body(valid, fields, true);
        }

        String json() {
            return JsonText.write(valid);
        }
    }

    /** A JSON fragment written as it is, for a field's further invalid values (e.g. {@code []} where one is needed). */
    public static Object rawJson(String fragment) {
        return new Raw(fragment);
    }

    /** A query parameter and which raw values the endpoint accepts. */
    public record Param(String name, Predicate<String> accepts) {

        /**
         * A parameter Spring converts to {@code type} (so exactly what its conversion takes, {@code ""} being "not
         * given") whose converted value must also be {@code inBounds}.
         */
        public static <T> Param converted(String name, Class<T> type, Predicate<T> inBounds) {
            return new Param(name, value -> {
                try {
                    T converted = DefaultConversionService.getSharedInstance().convert(value, type);
                    return converted == null || inBounds.test(converted);
                } catch (ConversionException | IllegalArgumentException refused) {
                    return false;
                }
            });
        }

        public static <T> Param converted(String name, Class<T> type) {
            return converted(name, type, value -> true);
        }
    }

    /** A JSON object's members in the order given: {@code object("reason", "x", "rematch", false)}. */
    public static Map<String, Object> object(Object... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return object;
    }

    /**
     * An endpoint as its rightful caller calls it with valid input: method, path (with {@code {id}} where
     * {@code pathId} goes), the caller's token, an optional JSON body and query parameters, and whether a role is
     * required (rather than any signed-in person).
     */
    public record Endpoint(
            String method, String path, String pathId, String token, Body body, List<Param> params, boolean roleGated) {

        public static Endpoint of(String method, String path, String token) {
            return new Endpoint(method, path, null, token, null, List.of(), true);
        }

        public Endpoint id(String pathId) {
            return new Endpoint(method, path, pathId, token, body, params, roleGated);
        }

        public Endpoint body(Body body) {
            return new Endpoint(method, path, pathId, token, body, params, roleGated);
        }

        public Endpoint params(Param... params) {
            return new Endpoint(method, path, pathId, token, body, List.of(params), roleGated);
        }

        /** Any signed-in person may call it; hostile roles claims are then not an attack. */
        public Endpoint anyRole() {
            return new Endpoint(method, path, pathId, token, body, params, false);
        }

        public String name() {
            return method + " " + path;
        }

        String resolvedPath(String id) {
            return id == null ? path : path.replace("{id}", encode(id));
        }
    }

    /** One hostile request and the statuses that are a correct refusal of it. */
    public record Case(
            String endpoint,
            Attack attack,
            String description,
            String method,
            String path,
            String authorization,
            String contentType,
            byte[] body,
            boolean chunked) {

        public Set<Integer> expected() {
            return attack.expected;
        }

        @Override
        public String toString() {
            return endpoint + " · " + attack + " · " + HostileInput.printable(description);
        }
    }

    /** Up to {@code perAttack} distinct cases for every attack that applies to the endpoint, the same for a seed. */
    public static List<Case> cases(Endpoint endpoint, TestTokenIssuer tokens, long seed, int perAttack) {
        Map<String, Case> distinct = new LinkedHashMap<>();
        for (Attack attack : Attack.values()) {
            Arbitrary<Case> arbitrary = attack(endpoint, attack, tokens);
            if (arbitrary == null) {
                continue;
            }
            long attackSeed = seed * 31 + endpoint.name().hashCode() * 17L + attack.ordinal();
            for (Case generated : HostileInput.sample(arbitrary, perAttack, attackSeed)) {
                distinct.putIfAbsent(generated.toString(), generated);
            }
        }
        return new ArrayList<>(distinct.values());
    }

    private static Arbitrary<Case> attack(Endpoint endpoint, Attack attack, TestTokenIssuer tokens) {
        Body body = endpoint.body();
        boolean hasBody = body != null;
        return switch (attack) {
            case HOSTILE_TOKEN -> HostileInput.hostileAuthorizations(tokens)
                    .map(authorization -> valid(endpoint, attack, authorization, authorization));
            case HOSTILE_ROLES -> endpoint.roleGated()
                    ? HostileInput.hostileRoles()
                            .map(roles -> valid(
                                    endpoint,
                                    attack,
                                    "roles " + Arrays.toString(roles),
                                    "Bearer " + tokens.token("intruder", roles)))
                    : null;
            case HOSTILE_PATH_ID -> endpoint.pathId() == null
                    ? null
                    : HostileInput.hostileIds()
                            .filter(id -> !id.equals(endpoint.pathId()))
                            .map(id -> request(
                                    endpoint,
                                    attack,
                                    "id " + id,
                                    endpoint.resolvedPath(id),
                                    hasBody ? body.json() : null,
                                    hasBody ? "application/json" : null));
            case HOSTILE_QUERY -> endpoint.params().isEmpty() ? null : hostileQuery(endpoint);
            case MALFORMED_JSON -> hasBody ? HostileBodies.malformed(endpoint) : null;
            case INVALID_FIELD -> hasBody ? HostileBodies.invalidField(endpoint) : null;
            case MISSING_FIELD -> hasBody && body.fields().stream().anyMatch(Field::required)
                    ? HostileBodies.missingField(endpoint)
                    : null;
            case UNKNOWN_FIELD -> hasBody ? HostileBodies.unknownField(endpoint) : null;
            case WRONG_BODY_TYPE -> hasBody ? HostileBodies.wrongBodyType(endpoint) : null;
            case STRESS_WITHIN_LIMIT -> hasBody ? HostileBodies.stress(endpoint) : null;
            case WRONG_CONTENT_TYPE -> hasBody
                    ? Arbitraries.of(
                                    "text/plain",
                                    "text/plain; charset=utf-8",
                                    "application/xml",
                                    "application/x-www-form-urlencoded",
                                    "multipart/form-data; boundary=samepath",
                                    "text/html",
                                    "application/octet-stream",
                                    "image/png",
                                    "")
                            .map(type -> request(
                                    endpoint,
                                    attack,
                                    "Content-Type " + (type.isEmpty() ? "(none)" : type),
                                    endpoint.resolvedPath(endpoint.pathId()),
                                    body.json(),
                                    type.isEmpty() ? null : type))
                    : null;
            case OVERSIZED_BODY -> HostileBodies.oversized(endpoint);
            case CHUNKED_BODY -> Arbitraries.just(HostileBodies.chunked(endpoint));
        };
    }

    private static Arbitrary<Case> hostileQuery(Endpoint endpoint) {
        return Arbitraries.of(endpoint.params()).flatMap(param -> Arbitraries.oneOf(
                        HostileInput.hostileStrings().filter(value -> value.length() <= 2000),
                        Arbitraries.of(
                                "-1",
                                "2147483648",
                                "99999999999999999999",
                                "1e3",
                                "0x10",
                                "NaN",
                                "1.5",
                                "\u0663",
                                "maybe",
                                "PENDING_APPROVAL\u0000",
                                "proposed",
                                "ALL"))
                .filter(value -> !param.accepts().test(value))
                .map(value -> request(
                        endpoint,
                        Attack.HOSTILE_QUERY,
                        param.name() + "=" + value,
                        endpoint.resolvedPath(endpoint.pathId()) + "?" + encode(param.name()) + "=" + encode(value),
                        endpoint.body() != null ? endpoint.body().json() : null,
                        endpoint.body() != null ? "application/json" : null)));
    }

    private static Case valid(Endpoint endpoint, Attack attack, String description, String authorization) {
        Body body = endpoint.body();
        return new Case(
                endpoint.name(),
                attack,
                description,
                endpoint.method(),
                endpoint.resolvedPath(endpoint.pathId()),
                authorization,
                body != null ? "application/json" : null,
                body != null ? body.json().getBytes(StandardCharsets.UTF_8) : null,
                false);
    }

    static Case request(
            Endpoint endpoint, Attack attack, String description, String path, String json, String contentType) {
        return new Case(
                endpoint.name(),
                attack,
                description,
                endpoint.method(),
                path,
                "Bearer " + endpoint.token(),
                contentType,
                json == null ? null : json.getBytes(StandardCharsets.UTF_8),
                false);
    }

    static Case bodyCase(Endpoint endpoint, Attack attack, Map<String, Object> body) {
        String json = JsonText.write(body);
        return bodyCase(endpoint, attack, json, json.getBytes(StandardCharsets.UTF_8));
    }

    static Case bodyCase(Endpoint endpoint, Attack attack, String description, byte[] json) {
        return new Case(
                endpoint.name(),
                attack,
                description,
                endpoint.method(),
                endpoint.resolvedPath(endpoint.pathId()),
                "Bearer " + endpoint.token(),
                "application/json",
                json,
                false);
    }

    /**
     * Percent-encodes every byte outside the unreserved characters; dots stay as they are (ids such as
     * {@code event.to.person} have them) unless the value is nothing but dots, which would be a path step.
     */
    static String encode(String value) {
        boolean pathStep = value.matches("\\.+");
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80
                    && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '~' || c == '.' && !pathStep)) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return encoded.toString();
    }

    // --- sending and checking --------------------------------------------------------------------------------------

    /** Sends the case as it is (bytes, headers, chunking); a server-sent event stream is not read, only its status. */
    public static Response send(String baseUrl, Case hostile) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(baseUrl + hostile.path())).timeout(Duration.ofSeconds(30));
        if (hostile.authorization() != null) {
            builder.header("Authorization", hostile.authorization());
        }
        if (hostile.contentType() != null) {
            builder.header("Content-Type", hostile.contentType());
        }
        HttpRequest.BodyPublisher publisher;
        if (hostile.body() == null) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else if (hostile.chunked()) {
            publisher = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(hostile.body()));
        } else {
            publisher = HttpRequest.BodyPublishers.ofByteArray(hostile.body());
        }
        builder.method(hostile.method(), publisher);
        try {
            HttpResponse<InputStream> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            String body;
            try (InputStream stream = response.body()) {
                body = contentType.startsWith("text/event-stream")
                        ? ""
                        : new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Response(response.statusCode(), contentType, body);
        } catch (IOException e) {
            throw new UncheckedIOException("Sending " + hostile, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends the case and checks that it was refused and left no trace: {@code state} holds the database as it was
     * before (as {@code snapshot} renders it) and moves on to how it is after, so each snapshot is taken once.
     */
    public static void assertRefusedWithoutTrace(
            String baseUrl,
            Case hostile,
            Supplier<Map<String, List<String>>> snapshot,
            AtomicReference<Map<String, List<String>>> state) {
        Response response = send(baseUrl, hostile);
        Map<String, List<String>> after = snapshot.get();
        Map<String, List<String>> before = state.getAndSet(after);
        assertRefused(hostile, response);
        assertThat(after).as("nothing stored for %s", hostile).isEqualTo(before);
    }

    /** A refusal with one of the expected statuses, as RFC 9457 problem+json whose {@code status} agrees. */
    public static void assertRefused(Case hostile, Response response) {
        String shown = hostile + " → " + response.status() + " " + response.contentType() + " "
                + HostileInput.printable(response.body());
        assertThat(response.status()).as(shown).isIn(hostile.expected());
        assertThat(response.isProblem()).as("problem+json: %s", shown).isTrue();
        assertThat(response.json().path("status").asInt()).as(shown).isEqualTo(response.status());
    }
}
