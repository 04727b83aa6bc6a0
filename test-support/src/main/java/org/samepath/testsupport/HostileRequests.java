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
import net.jqwik.api.Tuple;
import org.samepath.testsupport.ApiClient.Response;
import org.samepath.testsupport.JsonText.Raw;

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

    private static final long MAX_BODY_BYTES = 65_536;
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final List<Object> OPERATOR_OBJECTS = List.of(
            new Raw("{\"$gt\": \"\"}"),
            new Raw("{\"$ne\": null}"),
            new Raw("{\"$where\": \"sleep(5000)\"}"),
            new Raw("{\"$regex\": \".*\", \"$options\": \"i\"}"),
            new Raw("{}"),
            new Raw("{\"a\": {\"b\": {\"c\": {}}}}"));
    private static final List<Object> WRONG_ARRAYS =
            List.of(new Raw("[]"), new Raw("[\"x\"]"), new Raw("[{\"$gt\": \"\"}]"), new Raw("[[[]]]"));

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
    public record Param(String name, Predicate<String> accepts) {}

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
            case MALFORMED_JSON -> hasBody ? malformed(endpoint) : null;
            case INVALID_FIELD -> hasBody ? invalidField(endpoint) : null;
            case MISSING_FIELD -> hasBody && body.fields().stream().anyMatch(Field::required)
                    ? missingField(endpoint)
                    : null;
            case UNKNOWN_FIELD -> hasBody ? unknownField(endpoint) : null;
            case WRONG_BODY_TYPE -> hasBody ? wrongBodyType(endpoint) : null;
            case STRESS_WITHIN_LIMIT -> hasBody ? stress(endpoint) : null;
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
            case OVERSIZED_BODY -> oversized(endpoint);
            case CHUNKED_BODY -> Arbitraries.just(chunked(endpoint));
        };
    }

    // --- bodies ----------------------------------------------------------------------------------------------------

    private static Arbitrary<Case> malformed(Endpoint endpoint) {
        String valid = endpoint.body().json();
        String firstKey = JsonText.string(endpoint.body().fields().get(0).path().split("[.\\[]")[0]);
        List<byte[]> invalidUtf8 = List.of(
                new byte[] {(byte) 0xC3, 0x28},
                new byte[] {(byte) 0xFF},
                new byte[] {(byte) 0x80},
                new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80},
                new byte[] {(byte) 0xE2, (byte) 0x82});
        Arbitrary<String> truncated =
                Arbitraries.integers().between(1, valid.length() - 1).map(cut -> valid.substring(0, cut));
        Arbitrary<String> broken = Arbitraries.of(
                valid.substring(0, valid.length() - 1) + ",}",
                valid.replace('"', '\''),
                valid.replaceFirst("\"([^\"]+)\":", "$1:"),
                "/* comment */" + valid,
                valid + " trailing",
                valid + valid,
                valid + "}",
                "{" + firstKey + ": NaN}",
                "{" + firstKey + ": Infinity}",
                "{" + firstKey + ": \"a\u0001b\"}",
                "{" + firstKey + ": \"\\x41\"}",
                "{" + firstKey + ": \"\\u12\"}",
                "{" + firstKey + ": \"unterminated}",
                "{" + firstKey + ": undefined}",
                "{" + firstKey + " \"value\"}",
                "{" + firstKey + ":: \"value\"}",
                "{",
                "}",
                "[",
                "{\"",
                ":",
                ",",
                "\u0000",
                "{" + firstKey + ":}");
        Arbitrary<Case> textual = Arbitraries.oneOf(truncated, broken)
                .map(json -> bodyCase(endpoint, Attack.MALFORMED_JSON, json, json.getBytes(StandardCharsets.UTF_8)));
        Arbitrary<Case> bytes = Arbitraries.of(invalidUtf8).map(bad -> {
            byte[] prefix = ("{" + firstKey + ": \"ab").getBytes(StandardCharsets.UTF_8);
            byte[] suffix = "cd\"}".getBytes(StandardCharsets.UTF_8);
            byte[] json = new byte[prefix.length + bad.length + suffix.length];
            System.arraycopy(prefix, 0, json, 0, prefix.length);
            System.arraycopy(bad, 0, json, prefix.length, bad.length);
            System.arraycopy(suffix, 0, json, prefix.length + bad.length, suffix.length);
            return bodyCase(endpoint, Attack.MALFORMED_JSON, "invalid UTF-8 " + Arrays.toString(bad), json);
        });
        return Arbitraries.frequencyOf(Tuple.of(4, textual), Tuple.of(1, bytes));
    }

    private static Arbitrary<Case> invalidField(Endpoint endpoint) {
        return Arbitraries.of(endpoint.body().fields()).flatMap(field -> invalidValues(field)
                .map(value -> bodyCase(
                        endpoint,
                        Attack.INVALID_FIELD,
                        JsonText.with(endpoint.body().valid(), field.path(), value, false))));
    }

    private static Arbitrary<Object> invalidValues(Field field) {
        Arbitrary<Object> operators = Arbitraries.of(OPERATOR_OBJECTS);
        Arbitrary<Object> arrays = Arbitraries.of(WRONG_ARRAYS);
        Arbitrary<Object> strings = HostileInput.hostileStrings()
                .filter(value -> !field.accepts().test(value))
                .map(value -> value);
        List<Tuple.Tuple2<Integer, Arbitrary<Object>>> choices = new ArrayList<>();
        switch (field.type()) {
            case STRING -> {
                choices.add(Tuple.of(4, strings));
                choices.add(Tuple.of(2, operators));
                choices.add(Tuple.of(1, arrays));
                if (field.maxLength() > 0) {
                    choices.add(Tuple.of(
                            2,
                            HostileInput.unicodeText(field.maxLength() + 1, field.maxLength() + 400)
                                    .map(value -> value)));
                }
            }
            case BOOLEAN -> {
                choices.add(Tuple.of(2, strings));
                choices.add(Tuple.of(2, operators));
                choices.add(Tuple.of(1, arrays));
            }
            case INTEGER -> {
                choices.add(Tuple.of(
                        3,
                        Arbitraries.oneOf(
                                        Arbitraries.integers()
                                                .map(number -> number)
                                                .filter(number ->
                                                        !field.accepts().test(String.valueOf(number))),
                                        Arbitraries.of(-1, 0, 11, 99, Integer.MIN_VALUE, Integer.MAX_VALUE)
                                                .filter(number ->
                                                        !field.accepts().test(String.valueOf(number))))
                                .map(number -> new Raw(String.valueOf(number)))));
                choices.add(Tuple.of(
                        1,
                        Arbitraries.of(
                                new Raw("99999999999999999999999999"),
                                new Raw("-99999999999999999999"),
                                new Raw("1e400"))));
                choices.add(Tuple.of(2, strings));
                choices.add(Tuple.of(2, operators));
                choices.add(Tuple.of(1, arrays));
            }
            case DATE -> {
                choices.add(Tuple.of(2, strings));
                choices.add(Tuple.of(
                        2,
                        Arbitraries.of(
                                        "2999-01-01",
                                        "2021-02-30",
                                        "2021-13-01",
                                        "01/04/2016",
                                        "2016-4-1",
                                        "+999999999-12-31")
                                .filter(value -> !field.accepts().test(value))
                                .map(value -> value)));
                choices.add(Tuple.of(2, operators));
            }
            case ARRAY -> {
                choices.add(Tuple.of(2, Arbitraries.of(new Raw("\"en\""), new Raw("42"), new Raw("true"))));
                choices.add(Tuple.of(2, operators));
                if (!field.alsoInvalid().isEmpty()) {
                    choices.add(Tuple.of(2, Arbitraries.of(field.alsoInvalid())));
                }
            }
            case OBJECT -> {
                choices.add(Tuple.of(2, strings));
                choices.add(Tuple.of(2, arrays));
                choices.add(Tuple.of(1, Arbitraries.of(new Raw("42"), new Raw("true"))));
            }
        }
        if (!field.alsoInvalid().isEmpty() && field.type() != Type.ARRAY) {
            choices.add(Tuple.of(2, Arbitraries.of(field.alsoInvalid())));
        }
        return Arbitraries.frequencyOf(choices);
    }

    private static Arbitrary<Case> missingField(Endpoint endpoint) {
        List<Field> required =
                endpoint.body().fields().stream().filter(Field::required).toList();
        return Arbitraries.of(required).flatMap(field -> {
            List<Object> replacements = new ArrayList<>();
            replacements.add("(absent)");
            replacements.add(new Raw("null"));
            if (field.type() == Type.STRING && field.maxLength() > 0) {
                replacements.add("");
                replacements.add(" \t\n ");
            }
            return Arbitraries.of(replacements)
                    .map(replacement -> bodyCase(
                            endpoint,
                            Attack.MISSING_FIELD,
                            "(absent)".equals(replacement)
                                    ? JsonText.with(endpoint.body().valid(), field.path(), null, true)
                                    : JsonText.with(endpoint.body().valid(), field.path(), replacement, false)));
        });
    }

    private static Arbitrary<Case> unknownField(Endpoint endpoint) {
        Body body = endpoint.body();
        Set<String> levels = new LinkedHashSet<>();
        levels.add("");
        for (Field field : body.fields()) {
            String path = field.path();
            for (int i = 0; i < path.length(); i++) {
                if (path.charAt(i) == '.' && JsonText.at(body.valid(), path.substring(0, i)) instanceof Map) {
                    levels.add(path.substring(0, i));
                }
            }
        }
        List<String> names = new ArrayList<>(HostileInput.INJECTIONS);
        names.addAll(List.of(
                "",
                "$",
                "id",
                "_id",
                "status",
                "version",
                "outbox",
                "audit",
                "createdAt",
                "roles",
                "admin",
                "approved",
                "newcomerId",
                "mentorId",
                "personId",
                "role",
                "capacity",
                "\u0000",
                "\u202Ereason",
                "reason\u200B",
                "REASON",
                "x".repeat(5000)));
        return Arbitraries.of(new ArrayList<>(levels)).flatMap(level -> {
            Set<String> known = knownNames(body, level);
            return Arbitraries.of(
                            names.stream().filter(name -> !known.contains(name)).toList())
                    .flatMap(name -> Arbitraries.<Object>oneOf(
                                    Arbitraries.<Object>of(true, "x", new Raw("42")),
                                    Arbitraries.of(OPERATOR_OBJECTS),
                                    HostileInput.hostileStrings().map(value -> (Object) value))
                            .map(value -> bodyCase(
                                    endpoint,
                                    Attack.UNKNOWN_FIELD,
                                    JsonText.withKey(body.valid(), level, name, value))));
        });
    }

    private static Set<String> knownNames(Body body, String level) {
        Set<String> known = new LinkedHashSet<>();
        String prefix = level.isEmpty() ? "" : level + ".";
        for (Field field : body.fields()) {
            if (field.path().startsWith(prefix)) {
                known.add(field.path().substring(prefix.length()).split("[.\\[]")[0]);
            }
        }
        Object container = level.isEmpty() ? body.valid() : JsonText.at(body.valid(), level);
        if (container instanceof Map<?, ?> map) {
            map.keySet().forEach(key -> known.add((String) key));
        }
        return known;
    }

    private static Arbitrary<Case> wrongBodyType(Endpoint endpoint) {
        String valid = endpoint.body().json();
        List<String> bodies = new ArrayList<>(List.of(
                "[]",
                "[" + valid + "]",
                "\"x\"",
                JsonText.string(valid),
                "\"{\\\"$gt\\\": \\\"\\\"}\"",
                "42",
                "-0.0",
                "true",
                "false"));
        if (!endpoint.body().mayBeAbsent()) {
            bodies.addAll(List.of("null", "", "   "));
        }
        return Arbitraries.of(bodies)
                .map(json -> bodyCase(
                        endpoint,
                        Attack.WRONG_BODY_TYPE,
                        json.isBlank() ? "(empty body)" : json,
                        json.getBytes(StandardCharsets.UTF_8)));
    }

    /** Costly shapes that still fit the size limit: deep nesting, a huge number, a long array, many or long keys. */
    private static Arbitrary<Case> stress(Endpoint endpoint) {
        String key = JsonText.string(endpoint.body().fields().get(0).path().split("[.\\[]")[0]);
        Arbitrary<String> nested = Arbitraries.integers()
                .between(600, 12_000)
                .map(depth -> "{" + key + ":" + "[".repeat(depth) + "]".repeat(depth) + "}");
        Arbitrary<String> objects = Arbitraries.integers()
                .between(600, 6_000)
                .map(depth -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
        Arbitrary<String> number =
                Arbitraries.integers().between(1_001, 30_000).map(digits -> "{" + key + ":" + "9".repeat(digits) + "}");
        Arbitrary<String> array = Arbitraries.integers()
                .between(1_000, 15_000)
                .map(length -> "{" + key + ":[" + "1,".repeat(length) + "1]}");
        Arbitrary<String> manyKeys = Arbitraries.integers().between(500, 3_000).map(count -> {
            StringBuilder json = new StringBuilder("{");
            for (int i = 0; i < count; i++) {
                json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
            }
            return json.append('}').toString();
        });
        Arbitrary<String> longKey =
                Arbitraries.integers().between(10_000, 50_000).map(length -> "{\"" + "k".repeat(length) + "\":1}");
        return Arbitraries.oneOf(nested, objects, number, array, manyKeys, longKey)
                .filter(json -> json.length() < MAX_BODY_BYTES)
                .map(json ->
                        bodyCase(endpoint, Attack.STRESS_WITHIN_LIMIT, json, json.getBytes(StandardCharsets.UTF_8)));
    }

    private static Arbitrary<Case> oversized(Endpoint endpoint) {
        String valid = endpoint.body() != null ? endpoint.body().json() : "{}";
        Arbitrary<String> padded = Arbitraries.integers()
                .between((int) MAX_BODY_BYTES, 150_000)
                .map(spaces -> valid.substring(0, valid.length() - 1) + " ".repeat(spaces) + "}");
        Arbitrary<String> longString = Arbitraries.integers()
                .between((int) MAX_BODY_BYTES, 150_000)
                .map(length -> "{\"text\":\"" + "x".repeat(length) + "\"}");
        Arbitrary<String> longArray = Arbitraries.integers()
                .between((int) MAX_BODY_BYTES / 2, 70_000)
                .map(length -> "{\"items\":[" + "1,".repeat(length) + "1]}");
        Arbitrary<String> deep = Arbitraries.integers()
                .between((int) MAX_BODY_BYTES / 2 + 1, 70_000)
                .map(depth -> "[".repeat(depth) + "]".repeat(depth));
        return Arbitraries.oneOf(padded, longString, longArray, deep)
                .map(json -> request(
                        endpoint,
                        Attack.OVERSIZED_BODY,
                        json.length() + " bytes: " + json,
                        endpoint.resolvedPath(endpoint.pathId()),
                        json,
                        "application/json"));
    }

    private static Case chunked(Endpoint endpoint) {
        String json = endpoint.body() != null ? endpoint.body().json() : "{}";
        return new Case(
                endpoint.name(),
                Attack.CHUNKED_BODY,
                "chunked " + json,
                endpoint.method(),
                endpoint.resolvedPath(endpoint.pathId()),
                "Bearer " + endpoint.token(),
                "application/json",
                json.getBytes(StandardCharsets.UTF_8),
                true);
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

    private static Case request(
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

    private static Case bodyCase(Endpoint endpoint, Attack attack, Map<String, Object> body) {
        String json = JsonText.write(body);
        return bodyCase(endpoint, attack, json, json.getBytes(StandardCharsets.UTF_8));
    }

    private static Case bodyCase(Endpoint endpoint, Attack attack, String description, byte[] json) {
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
