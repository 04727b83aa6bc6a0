package org.samepath.loaddriver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class UnansweredPostsTests {

    private static final Instant SENT = Instant.parse("2026-12-07T20:00:00Z");

    @Test
    void theRequestAnUnansweredPostMadeIsTheOneTheDriverWasNeverToldOfCreatedAfterTheSend() {
        JsonNode requests = StackApi.JSON.readTree(
                """
                [{"id": "r-new", "status": "PROPOSED", "createdAt": "2026-12-07T20:00:04.5Z"},
                 {"id": "r-known", "status": "WITHDRAWN", "createdAt": "2026-12-07T20:00:03Z"},
                 {"id": "r-old", "status": "WITHDRAWN", "createdAt": "2026-12-07T19:50:00Z"}]
                """);

        JsonNode found = UnansweredPosts.actedOn(requests, Set.of("r-known"), SENT);

        assertThat(found.path("id").asString()).isEqualTo("r-new");
    }

    @Test
    void noSuchRequestMeansThePostWasLost() {
        JsonNode requests = StackApi.JSON.readTree(
                """
                [{"id": "r-known", "status": "WITHDRAWN", "createdAt": "2026-12-07T20:00:03Z"},
                 {"id": "r-old", "status": "WITHDRAWN", "createdAt": "2026-12-07T19:50:00Z"}]
                """);

        assertThat(UnansweredPosts.actedOn(requests, Set.of("r-known"), SENT)).isNull();
        assertThat(UnansweredPosts.actedOn(StackApi.JSON.readTree("[]"), Set.of(), SENT))
                .isNull();
    }
}
