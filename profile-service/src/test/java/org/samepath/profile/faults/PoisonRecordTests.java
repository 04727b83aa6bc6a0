package org.samepath.profile.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.samepath.contracts.EventCatalog;
import org.samepath.contracts.Topics;
import org.samepath.contracts.matching.MentorProposed;
import org.samepath.platform.events.EventJson;
import org.samepath.testsupport.PoisonRecords;

/**
 * 100 poison records of every kind (see {@link PoisonRecords}) mixed with good lifecycle events into the one topic
 * profile-service consumes: every poison record is in {@code samepath.matching.v1.dlt} with its original bytes and
 * headers, every proposal grants its mentor the newcomer's shareable view, and a proposal sent after all the poison is
 * processed (the consumer is not stuck). An unknown {@code ce_type} is dead-lettered, not skipped.
 */
class PoisonRecordTests extends FaultTestContext {

    private static final int POISON = 100;

    @Test
    void poisonOnTheMatchingTopicIsDeadLetteredAndEveryProposalGrantsItsView() {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i <= POISON / 4; i++) {
            pairs.add(pair());
        }
        String group = group(LIFECYCLE_LISTENER);
        MentorProposed sample = proposed(pairs.get(0));
        List<Pair> proposed = new ArrayList<>();
        try (PoisonRecords poison = new PoisonRecords(
                bootstrap(),
                Topics.MATCHING,
                EventCatalog.MENTOR_PROPOSED.type(),
                EventJson.MAPPER.writeValueAsBytes(sample),
                EventCatalog.CONTACT_POINT_CHANGED.type())) {
            for (int i = 0; i < POISON; i++) {
                poison.sendNext();
                if (i % 4 == 3) {
                    Pair pair = pairs.get(proposed.size());
                    send(proposed(pair));
                    proposed.add(pair);
                }
            }
            Pair afterThePoison = pairs.get(proposed.size());
            send(proposed(afterThePoison));
            await().atMost(PROPAGATION).until(() -> grant(afterThePoison) != null);

            assertThat(proposed).hasSize(POISON / 4).allSatisfy(pair -> {
                Document grant = grant(pair);
                assertThat(grant).as("grant of %s", pair).isNotNull();
                assertThat(grant.getList("proposals", String.class)).containsExactly(pair.proposalId());
            });
            assertThat(viewStatus(afterThePoison)).isEqualTo(200);
            poison.assertAllDeadLettered(bootstrap(), group, PROPAGATION);
            groups.awaitCaughtUp(group, Topics.MATCHING, PROPAGATION);
        }
    }
}
