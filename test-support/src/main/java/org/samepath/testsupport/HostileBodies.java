package org.samepath.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import org.samepath.testsupport.HostileRequests.Attack;
import org.samepath.testsupport.HostileRequests.Body;
import org.samepath.testsupport.HostileRequests.Case;
import org.samepath.testsupport.HostileRequests.Endpoint;
import org.samepath.testsupport.HostileRequests.Field;
import org.samepath.testsupport.HostileRequests.Type;
import org.samepath.testsupport.JsonText.Raw;

/**
 * The body attacks of {@link HostileRequests}: JSON that is broken, of the wrong shape, with one field invalid,
 * missing or unknown, costly to parse though small, or over the size limit. Each body is invalid by construction.
 */
final class HostileBodies {

    private static final long MAX_BODY_BYTES = 65_536;
    private static final List<Object> OPERATOR_OBJECTS = List.of(
            new Raw("{\"$gt\": \"\"}"),
            new Raw("{\"$ne\": null}"),
            new Raw("{\"$where\": \"sleep(5000)\"}"),
            new Raw("{\"$regex\": \".*\", \"$options\": \"i\"}"),
            new Raw("{}"),
            new Raw("{\"a\": {\"b\": {\"c\": {}}}}"));
    private static final List<Object> WRONG_ARRAYS =
            List.of(new Raw("[]"), new Raw("[\"x\"]"), new Raw("[{\"$gt\": \"\"}]"), new Raw("[[[]]]"));

    private HostileBodies() {}

    static Arbitrary<Case> malformed(Endpoint endpoint) {
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
                .map(json -> HostileRequests.bodyCase(
                        endpoint, Attack.MALFORMED_JSON, json, json.getBytes(StandardCharsets.UTF_8)));
        Arbitrary<Case> bytes = Arbitraries.of(invalidUtf8).map(bad -> {
            byte[] prefix = ("{" + firstKey + ": \"ab").getBytes(StandardCharsets.UTF_8);
            byte[] suffix = "cd\"}".getBytes(StandardCharsets.UTF_8);
            byte[] json = new byte[prefix.length + bad.length + suffix.length];
            System.arraycopy(prefix, 0, json, 0, prefix.length);
            System.arraycopy(bad, 0, json, prefix.length, bad.length);
            System.arraycopy(suffix, 0, json, prefix.length + bad.length, suffix.length);
            return HostileRequests.bodyCase(
                    endpoint, Attack.MALFORMED_JSON, "invalid UTF-8 " + Arrays.toString(bad), json);
        });
        return Arbitraries.frequencyOf(Tuple.of(4, textual), Tuple.of(1, bytes));
    }

    static Arbitrary<Case> invalidField(Endpoint endpoint) {
        return Arbitraries.of(endpoint.body().fields()).flatMap(field -> invalidValues(field)
                .map(value -> HostileRequests.bodyCase(
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

    static Arbitrary<Case> missingField(Endpoint endpoint) {
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
                    .map(replacement -> HostileRequests.bodyCase(
                            endpoint,
                            Attack.MISSING_FIELD,
                            "(absent)".equals(replacement)
                                    ? JsonText.with(endpoint.body().valid(), field.path(), null, true)
                                    : JsonText.with(endpoint.body().valid(), field.path(), replacement, false)));
        });
    }

    static Arbitrary<Case> unknownField(Endpoint endpoint) {
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
                            .map(value -> HostileRequests.bodyCase(
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

    static Arbitrary<Case> wrongBodyType(Endpoint endpoint) {
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
                .map(json -> HostileRequests.bodyCase(
                        endpoint,
                        Attack.WRONG_BODY_TYPE,
                        json.isBlank() ? "(empty body)" : json,
                        json.getBytes(StandardCharsets.UTF_8)));
    }

    /** Costly shapes that still fit the size limit: deep nesting, a huge number, a long array, many or long keys. */
    static Arbitrary<Case> stress(Endpoint endpoint) {
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
                .map(json -> HostileRequests.bodyCase(
                        endpoint, Attack.STRESS_WITHIN_LIMIT, json, json.getBytes(StandardCharsets.UTF_8)));
    }

    static Arbitrary<Case> oversized(Endpoint endpoint) {
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
                .map(json -> HostileRequests.request(
                        endpoint,
                        Attack.OVERSIZED_BODY,
                        json.length() + " bytes: " + json,
                        endpoint.resolvedPath(endpoint.pathId()),
                        json,
                        "application/json"));
    }

    static Case chunked(Endpoint endpoint) {
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
}
