package org.samepath.platform.events;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapping for event values. Kafka instantiates (de)serializers reflectively, so this is a static holder
 * rather than a bean. Unknown fields are ignored: additive changes to an event must not break its consumers.
 */
public final class EventJson {

    public static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventJson() {}
}
