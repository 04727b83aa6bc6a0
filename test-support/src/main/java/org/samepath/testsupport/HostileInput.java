package org.samepath.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.sessions.JqwikSession;

/**
 * Generators (jqwik arbitraries) of what an attacker or a broken client sends: unicode that trips naive code, strings
 * that look like query operators or code, ids that name nothing, bearer tokens and role claims that must not pass.
 *
 * <p>Tests draw from them with {@link #sample}, a seeded jqwik session outside jqwik's own lifecycle: the same seed
 * gives the same values, so a failing case is reproducible, and the cases can run as JUnit dynamic tests inside one
 * cached Spring test context (jqwik's {@code @Property} lifecycle knows nothing of Spring's test context). There is no
 * shrinking; each case is small and named, which serves the same purpose here.
 */
public final class HostileInput {

    /**
     * Lone and reversed surrogates, an astral emoji, direction overrides and marks, zero-width and invisible characters,
     * NUL and other controls, byte order mark, noncharacters, stacked combining marks, unusual spaces and line
     * separators, case-folding traps, and a few scripts.
     */
    public static final List<String> UNICODE_EDGES = List.of(
            "\uD800",
            "\uDFFF",
            "\uDFFF\uD800",
            "\uD83D\uDE00",
            "\u202E",
            "\u202D",
            "\u200F",
            "\u061C",
            "\u2066",
            "\u200B",
            "\u200C",
            "\u200D",
            "\u2060",
            "\uFEFF",
            "\u0000",
            "\u0007",
            "\u001B",
            "\u007F",
            "\u0085",
            "\uFFFF",
            "\uFFFE",
            "\uFFFD",
            "e\u0301\u0301\u0301\u0301",
            "\u00A0",
            "\u2028",
            "\u2029",
            "\u3000",
            "\u0130",
            "\u1E9E",
            "\u0391\u0392\u0393",
            "\u4E2D\u6587",
            "\u05D0\u05D1\u05D2",
            "\u0627\u0644\u0639");

    /** Strings that mean something to MongoDB, a shell, a template engine, a logger, a browser or a file system. */
    public static final List<String> INJECTIONS = List.of(
            "{\"$gt\": \"\"}",
            "{\"$ne\": null}",
            "{\"$where\": \"sleep(5000)\"}",
            "{\"$regex\": \".*\"}",
            "$where",
            "$gt",
            "$ne",
            "$expr",
            "a.b",
            "outbox.0",
            "_id",
            "profile.$[]",
            "'; db.dropDatabase(); //",
            "' OR '1'='1",
            "\" OR \"\"=\"",
            "1; DROP TABLE profiles",
            "${jndi:ldap://127.0.0.1:1/a}",
            "#{7*7}",
            "{{7*7}}",
            "<script>alert(1)</script>",
            "../../../etc/passwd",
            "..\\..\\windows",
            "%00",
            "%2e%2e%2f",
            "\\u0000",
            "null",
            "undefined",
            "NaN",
            "-1",
            "[]",
            "{}",
            "__proto__",
            "constructor",
            "\r\nX-Injected: 1");

    private HostileInput() {}

    /** The first {@code count} values the arbitrary generates from {@code seed}: the same every run. */
    public static <T> List<T> sample(Arbitrary<T> arbitrary, int count, long seed) {
        List<T> drawn = new ArrayList<>(count);
        JqwikSession.run(
                Long.toString(seed), () -> arbitrary.sampleStream().limit(count).forEach(drawn::add));
        return drawn;
    }

    /** Text of {@code minLength}–{@code maxLength} UTF-16 units (as {@code @Size} counts), full of edge cases. */
    public static Arbitrary<String> unicodeText(int minLength, int maxLength) {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(UNICODE_EDGES)),
                Tuple.of(3, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(6)),
                Tuple.of(2, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6)),
                Tuple.of(1, Arbitraries.of(INJECTIONS)));
        return Combinators.combine(
                        Arbitraries.integers().between(minLength, maxLength),
                        piece.list().ofMinSize(1).ofMaxSize(24))
                .as((length, pieces) -> repeatToLength(String.join("", pieces), length));
    }

    /** Injection-looking strings, unicode edge cases and mixtures of both, short and (sometimes) very long. */
    public static Arbitrary<String> hostileStrings() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(INJECTIONS)),
                Tuple.of(3, unicodeText(1, 40)),
                Tuple.of(
                        2,
                        Combinators.combine(Arbitraries.of(INJECTIONS), Arbitraries.of(UNICODE_EDGES))
                                .as((injection, edge) -> edge + injection + edge)),
                Tuple.of(1, unicodeText(300, 6000)));
    }

    /** Ids that name nothing: injections, unicode, separators, very long ones, and well-formed strangers. */
    public static Arbitrary<String> hostileIds() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, hostileStrings().filter(id -> id.length() <= 1500)),
                Tuple.of(
                        1,
                        Arbitraries.strings()
                                .withCharRange('a', 'z')
                                .numeric()
                                .withChars('-', '_')
                                .ofMinLength(1)
                                .ofMaxLength(64)
                                .map(id -> "nobody-" + id)),
                Tuple.of(1, Arbitraries.of("", " ", "\t", ".", "..", "~", "%", "/", "\\", ";", "?", "#", "*")));
    }

    /**
     * Values of the {@code Authorization} header that must never authenticate (each a 401): other schemes, empty and
     * malformed bearer tokens, tokens that look like query operators, JWTs with {@code alg: none}, an HMAC signature,
     * a swapped payload claiming the coordinator role, a broken signature, two tokens, a very long token.
     */
    public static Arbitrary<String> hostileAuthorizations(TestTokenIssuer issuer) {
        String valid = issuer.token("intruder", "NEWCOMER");
        String[] parts = valid.split("\\.");
        String coordinatorClaims = base64Url("{\"iss\":\"" + issuer.issuerUri()
                + "\",\"sub\":\"intruder\",\"roles\":[\"COORDINATOR\"],\"exp\":4102444800}");
        String noneHeader = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String hmacHeader = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"test-key\"}");
        List<String> crafted = List.of(
                "Bearer",
                "Bearer ",
                "bearer",
                "Basic dXNlcjpwYXNzd29yZA==",
                "Digest username=\"coordinator\"",
                "Token " + valid,
                "Bearer " + noneHeader + "." + coordinatorClaims + ".",
                "Bearer " + noneHeader + "." + coordinatorClaims,
                "Bearer " + hmacHeader + "." + coordinatorClaims + "." + hmac(hmacHeader + "." + coordinatorClaims),
                "Bearer " + parts[0] + "." + coordinatorClaims + "." + parts[2],
                "Bearer " + parts[0] + "." + parts[1] + "." + flipMiddle(parts[2]),
                "Bearer " + parts[0] + "." + parts[1] + ".",
                "Bearer " + parts[0] + "." + parts[1],
                "Bearer " + valid + "." + parts[2],
                "Bearer " + valid + " " + valid,
                "Bearer " + "A".repeat(4000),
                "Bearer ....",
                "Bearer e30.e30.e30");
        Arbitrary<String> printableGarbage = hostileStrings()
                .map(HostileInput::printableAscii)
                .filter(garbage -> !garbage.isBlank() && garbage.length() <= 4000)
                .map(garbage -> "Bearer " + garbage);
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(crafted)), Tuple.of(1, printableGarbage));
    }

    /**
     * Roles claims that must grant no Samepath role (each a 403 where a role is required): other cases, prefixes,
     * padding, lookalike letters, several roles in one string, query operators, none at all.
     */
    public static Arbitrary<String[]> hostileRoles() {
        return Arbitraries.of(
                new String[] {},
                new String[] {"coordinator"},
                new String[] {"Coordinator"},
                new String[] {"ROLE_COORDINATOR"},
                new String[] {" COORDINATOR"},
                new String[] {"COORDINATOR "},
                new String[] {"COORDINATOR\u0000"},
                new String[] {"C\u039FORDINATOR"},
                new String[] {"COORDINATOR\u200B"},
                new String[] {"COORDINATOR,MENTOR,NEWCOMER"},
                new String[] {"MENTOR NEWCOMER COORDINATOR"},
                new String[] {"ADMIN"},
                new String[] {"*"},
                new String[] {"{\"$gt\": \"\"}"},
                new String[] {"mentor", "newcomer"});
    }

    /** Whether the text is well-formed UTF-16: no surrogate without its partner (which UTF-8 cannot carry). */
    public static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** The text as a JSON string literal: controls and unpaired surrogates escaped, other characters as they are. */
    public static String jsonString(String text) {
        return JsonText.string(text);
    }

    /** The string with everything outside printable ASCII (what a header may carry) replaced by {@code ?}. */
    static String printableAscii(String text) {
        StringBuilder printable = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            printable.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return printable.toString();
    }

    /** Renders text for a test name or a message: non-printable and non-ASCII as escapes, at most 140 characters. */
    public static String printable(String text) {
        StringBuilder shown = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (shown.length() >= 140) {
                return shown.append("… (")
                        .append(text.length())
                        .append(" chars)")
                        .toString();
            }
            shown.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04X", (int) c));
        }
        return shown.toString();
    }

    private static String repeatToLength(String seed, int length) {
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            text.append(seed);
        }
        text.setLength(length);
        return text.toString();
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String hmac(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("not-the-services-key-not-the-services-key".getBytes(), "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Changes one character in the middle (the last one may carry only padding bits a decoder ignores). */
    private static String flipMiddle(String signature) {
        int middle = signature.length() / 2;
        char flipped = signature.charAt(middle) == 'A' ? 'B' : 'A';
        return signature.substring(0, middle) + flipped + signature.substring(middle + 1);
    }
}
