package org.samepath.platform.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Refuses request text that is not well-formed Unicode: an unpaired surrogate, which only a {@code \\u} escape can
 * put into JSON. Such a string cannot be written as UTF-8, so MongoDB would silently keep a replacement character
 * instead of what the client sent (and was told was saved). The refusal is the usual 400 naming the field.
 */
public final class WellFormedText {

    private WellFormedText() {}

    /** A module for the web layer's JSON mapper (Spring Boot registers every {@link JacksonModule} bean). */
    public static JacksonModule module() {
        return new SimpleModule("samepath-well-formed-text").addDeserializer(String.class, new Deserializer());
    }

    static boolean isWellFormed(String text) {
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

    private static final class Deserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String text = super.deserialize(parser, context);
            if (text != null && !isWellFormed(text)) {
                return (String) context.handleWeirdStringValue(
                        String.class, text, "not well-formed Unicode (an unpaired surrogate)");
            }
            return text;
        }
    }
}
