package org.samepath.matching.request;

import org.samepath.contracts.Topics;
import org.samepath.contracts.safety.PersonReported;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;

/** Reports block pairs. Urgent-support flags are for coordinators (notification-service), not for matching. */
@KafkaListener(
        id = "matching-safety",
        groupId = "${samepath.kafka.group-prefix:}matching-safety",
        topics = Topics.SAFETY)
class SafetyListener {

    private final PairBlocking blocking;

    SafetyListener(PairBlocking blocking) {
        this.blocking = blocking;
    }

    @KafkaHandler
    void on(PersonReported report) {
        blocking.reported(report.reporterId(), report.subjectId(), report.rematchRequested());
    }

    @KafkaHandler(isDefault = true)
    void ignore(Object otherEvent) {}
}
