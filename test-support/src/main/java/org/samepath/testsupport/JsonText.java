package org.samepath.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny JSON writer for hostile bodies, where a real mapper would refuse to help: it keeps lone surrogates and
 * control characters (as {@code \\u} escapes, the only way JSON can carry them), takes {@link Raw} fragments verbatim
 * (for operators, wrong types and broken syntax), and edits a body at a path such as {@code contact.email} or
 * {@code livedExperience[0].consent}.
 */
final class JsonText {

    private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    /** Already-rendered JSON (or deliberately not JSON), written as it is. */
    record Raw(String text) {}

    private JsonText() {}

    static String write(Object value) {
        StringBuilder json = new StringBuilder();
        write(value, json);
        return json.toString();
    }

    private static void write(Object value, StringBuilder json) {
        if (value == null) {
            json.append("null");
        } else if (value instanceof Raw raw) {
            json.append(raw.text());
        } else if (value instanceof String text) {
            string(text, json);
        } else if (value instanceof Map<?, ?> map) {
            json.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.append(first ? "" : ",");
                first = false;
                string(String.valueOf(entry.getKey()), json);
                json.append(':');
                write(entry.getValue(), json);
            }
            json.append('}');
        } else if (value instanceof List<?> list) {
            json.append('[');
            for (int i = 0; i < list.size(); i++) {
                json.append(i == 0 ? "" : ",");
                write(list.get(i), json);
            }
            json.append(']');
        } else {
            json.append(value); // numbers and booleans
        }
    }

    /** Quotes and escapes; other non-ASCII characters stay raw, so they reach the server as UTF-8. */
    static String string(String text) {
        StringBuilder json = new StringBuilder();
        string(text, json);
        return json.toString();
    }

    private static void string(String text, StringBuilder json) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c)
                            && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))
                    || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7F || (Character.isSurrogate(c) && !paired)) {
                json.append(String.format("\\u%04X", (int) c));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }

    /** A deep copy of a body made of maps and lists, so edits never touch the original. */
    @SuppressWarnings("unchecked")
    static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put((String) key, copy(item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(copy(item)));
            return copy;
        }
        return value;
    }

    /** A copy of {@code body} with the value at {@code path} replaced (or removed, for {@code remove}). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> with(Map<String, Object> body, String path, Object value, boolean remove) {
        Map<String, Object> copy = (Map<String, Object>) copy(body);
        List<Object> segments = segments(path);
        Object container = copy;
        for (int i = 0; i < segments.size() - 1; i++) {
            container = child(container, segments.get(i), segments.get(i + 1));
        }
        Object last = segments.get(segments.size() - 1);
        if (container instanceof Map<?, ?> map) {
            if (remove) {
                map.remove(last);
            } else {
                ((Map<String, Object>) map).put((String) last, value);
            }
        } else {
            List<Object> list = (List<Object>) container;
            int index = (Integer) last;
            while (list.size() <= index) {
                list.add(null);
            }
            if (remove) {
                list.remove(index);
            } else {
                list.set(index, value);
            }
        }
        return copy;
    }

    /** A copy of {@code body} with one more key, taken literally (dots and brackets too), in the object at {@code level}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withKey(Map<String, Object> body, String level, String key, Object value) {
        Map<String, Object> copy = (Map<String, Object>) copy(body);
        Object container = level.isEmpty() ? copy : at(copy, level);
        ((Map<String, Object>) container).put(key, value);
        return copy;
    }

    /** The value at {@code path}, or null. */
    static Object at(Map<String, Object> body, String path) {
        Object value = body;
        for (Object segment : segments(path)) {
            if (value instanceof Map<?, ?> map && segment instanceof String key) {
                value = map.get(key);
            } else if (value instanceof List<?> list && segment instanceof Integer index && index < list.size()) {
                value = list.get(index);
            } else {
                return null;
            }
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Object child(Object container, Object segment, Object next) {
        Object child;
        if (container instanceof Map<?, ?> map) {
            child = map.get(segment);
            if (child == null) {
                child = next instanceof Integer ? new ArrayList<>() : new LinkedHashMap<String, Object>();
                ((Map<String, Object>) map).put((String) segment, child);
            }
        } else {
            List<Object> list = (List<Object>) container;
            int index = (Integer) segment;
            while (list.size() <= index) {
                list.add(next instanceof Integer ? new ArrayList<>() : new LinkedHashMap<String, Object>());
            }
            child = list.get(index);
        }
        return child;
    }

    static List<Object> segments(String path) {
        List<Object> segments = new ArrayList<>();
        Matcher matcher = SEGMENT.matcher(path);
        while (matcher.find()) {
            segments.add(matcher.group(1) != null ? matcher.group(1) : Integer.valueOf(matcher.group(2)));
        }
        return segments;
    }
}
