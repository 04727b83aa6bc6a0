package org.samepath.matching.request;

import java.util.Set;
import org.samepath.matching.people.PersonChanged;
import org.samepath.matching.people.PersonErased;
import org.samepath.matching.slots.MentorSlots;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;

/** Requests follow the people they concern: capacity, availability and erasure of mentors and newcomers. */
class PoolFollower {

    private static final Set<String> UNAVAILABLE = Set.of("PAUSED", "SUSPENDED", "PENDING_APPROVAL");

    private final PoolChanges pool;
    private final WaitlistRetry waitlist;
    private final MentorSlots slots;
    private final PersonErasure erasure;

    PoolFollower(PoolChanges pool, WaitlistRetry waitlist, MentorSlots slots, PersonErasure erasure) {
        this.pool = pool;
        this.waitlist = waitlist;
        this.slots = slots;
        this.erasure = erasure;
    }

    /** After the pool has the change ({@code EngineMentorSearch} listens first), so a retry sees the new mentor. */
    @EventListener
    @Order(10)
    void on(PersonChanged change) {
        if (!change.isMentor()) {
            waitlist.newcomerChanged(change.personId());
            return;
        }
        Integer capacity = change.current().getInteger("capacity");
        if (capacity != null) {
            slots.setCapacity(change.personId(), capacity);
        }
        if (UNAVAILABLE.contains(change.status()) && !change.status().equals(change.previousStatus())) {
            pool.mentorUnavailable(change.personId(), "MENTOR_" + change.status());
        }
        waitlist.mentorMayServe(change.personId());
    }

    @EventListener
    void on(PersonErased erased) {
        erasure.erase(erased.personId());
    }
}
