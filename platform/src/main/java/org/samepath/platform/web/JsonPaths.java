package org.samepath.platform.web;

import java.util.List;
import tools.jackson.core.JacksonException;

/** Renders a Jackson reference path as the field name a client wrote, e.g. {@code livedExperience[0].consent}. */
final class JsonPaths {

    private JsonPaths() {}

    static String of(List<JacksonException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference reference : path) {
            if (reference.getPropertyName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }
}
