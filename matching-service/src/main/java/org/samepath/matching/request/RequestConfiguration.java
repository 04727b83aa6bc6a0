package org.samepath.matching.request;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.samepath.matching.history.PairHistory;
import org.samepath.matching.people.MatchablePeople;
import org.samepath.matching.slots.MentorSlots;
import org.samepath.platform.outbox.Outbox;
import org.samepath.platform.outbox.OutboxRelay;
import org.samepath.platform.process.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MatchingSettings.class)
class RequestConfiguration {

    @Bean
    MatchRequestStore matchRequestStore(MongoDatabase database, Outbox outbox, OutboxRelay relay) {
        return new MatchRequestStore(database, outbox, relay);
    }

    @Bean
    NewcomerLocks newcomerLocks(MongoDatabase database, Clock clock) {
        return new NewcomerLocks(database, clock);
    }

    @Bean
    NewcomerLockRepair newcomerLockRepair(
            MatchRequestStore store, NewcomerLocks locks, MatchingSettings settings, Clock clock) {
        return new NewcomerLockRepair(store, locks, settings, clock);
    }

    @Bean
    SlotHoldRepair slotHoldRepair(MatchRequestStore store, MentorSlots slots, Clock clock) {
        return new SlotHoldRepair(store, slots, clock);
    }

    /**
     * Locks and slot holds are written apart from the requests they follow; what a crash between the writes left
     * behind is derived again from the requests, once a minute (cheap: one pass over locks and holds).
     */
    @Bean
    PeriodicTask crashRepair(NewcomerLockRepair locks, SlotHoldRepair holds) {
        Logger log = LoggerFactory.getLogger(RequestConfiguration.class);
        return new PeriodicTask("crash-repair", Duration.ofMinutes(1), () -> {
            int repairedLocks = locks.repair();
            int releasedHolds = holds.repair();
            if (repairedLocks + releasedHolds > 0) {
                log.warn(
                        "Repaired what a crash left behind: {} newcomer lock(s), {} mentor slot hold(s)",
                        repairedLocks,
                        releasedHolds);
            }
        });
    }

    @Bean
    Matchmaker matchmaker(
            MatchRequestStore store, MentorSearch search, MentorSlots slots, MatchingSettings settings, Clock clock) {
        return new Matchmaker(store, search, slots, settings, clock);
    }

    @Bean
    RequestIntake requestIntake(
            MatchRequestStore store,
            NewcomerLocks locks,
            Matchmaker matchmaker,
            MentorSearch search,
            MentorSlots slots,
            MatchablePeople people,
            MatchingSettings settings,
            Clock clock) {
        return new RequestIntake(store, locks, matchmaker, search, slots, people, settings, clock);
    }

    @Bean
    ProposalResponses proposalResponses(
            MatchRequestStore store,
            NewcomerLocks locks,
            Matchmaker matchmaker,
            MentorSlots slots,
            PairHistory history,
            Clock clock) {
        return new ProposalResponses(store, locks, matchmaker, slots, history, clock);
    }

    @Bean
    MatchEndings matchEndings(
            MatchRequestStore store,
            NewcomerLocks locks,
            MentorSlots slots,
            PairHistory history,
            RequestIntake intake,
            Clock clock) {
        return new MatchEndings(store, locks, slots, history, intake, clock);
    }

    @Bean(destroyMethod = "shutdown")
    ExecutorService waitlistRetryExecutor() {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "waitlist-retry");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    PoolChanges poolChanges(
            MatchRequestStore store,
            Matchmaker matchmaker,
            MentorSlots slots,
            MatchingSettings settings,
            ExecutorService waitlistRetryExecutor,
            Clock clock) {
        PoolChanges pool = new PoolChanges(store, matchmaker, slots, settings, waitlistRetryExecutor, clock);
        // A freed slot can unblock a waiting newcomer: the next timer tick retries the waitlist.
        slots.onChange(mentorId -> pool.poolChanged());
        return pool;
    }

    @Bean
    PersonErasure personErasure(
            MatchRequestStore store,
            RequestIntake intake,
            MatchEndings endings,
            PoolChanges pool,
            MentorSlots slots,
            PairHistory history,
            NewcomerLocks locks) {
        return new PersonErasure(store, intake, endings, pool, slots, history, locks);
    }

    @Bean
    PairBlocking pairBlocking(
            MatchRequestStore store,
            MatchablePeople people,
            PairHistory history,
            MentorSlots slots,
            Matchmaker matchmaker,
            MatchEndings endings,
            Clock clock) {
        return new PairBlocking(store, people, history, slots, matchmaker, endings, clock);
    }

    @Bean
    SafetyListener safetyListener(PairBlocking blocking) {
        return new SafetyListener(blocking);
    }

    @Bean
    PoolFollower poolFollower(PoolChanges pool, MentorSlots slots, PersonErasure erasure) {
        return new PoolFollower(pool, slots, erasure);
    }

    /**
     * Expiry, reminders and waitlist retries by conditional updates on a timer (never TTL indexes, which the
     * MongoDB stand-in does not sweep): safe with two instances, each change decided by a version-guarded write.
     */
    @Bean
    PeriodicTask matchingTimers(ProposalResponses responses, PoolChanges pool, MatchingSettings settings) {
        return new PeriodicTask("matching-timers", settings.timerInterval(), () -> {
            responses.expireAndRemind();
            pool.retryWaiting();
        });
    }
}
