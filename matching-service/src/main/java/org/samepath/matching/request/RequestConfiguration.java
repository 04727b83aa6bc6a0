package org.samepath.matching.request;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
    DueTimes dueTimes(MatchingSettings settings) {
        return new DueTimes(settings);
    }

    @Bean
    MatchRequestStore matchRequestStore(
            MongoDatabase database, Outbox outbox, OutboxRelay relay, DueTimes dueTimes, Clock clock) {
        return new MatchRequestStore(database, outbox, relay, dueTimes, clock);
    }

    @Bean
    RepairWatermarks repairWatermarks(MongoDatabase database) {
        return new RepairWatermarks(database);
    }

    @Bean
    NewcomerLocks newcomerLocks(MongoDatabase database, Clock clock) {
        return new NewcomerLocks(database, clock);
    }

    @Bean
    NewcomerLockRepair newcomerLockRepair(
            MatchRequestStore store,
            NewcomerLocks locks,
            RepairWatermarks watermarks,
            MatchingSettings settings,
            Clock clock) {
        return new NewcomerLockRepair(store, locks, watermarks, settings, clock);
    }

    @Bean
    SlotHoldRepair slotHoldRepair(
            MatchRequestStore store, MentorSlots slots, RepairWatermarks watermarks, Clock clock) {
        return new SlotHoldRepair(store, slots, watermarks, clock);
    }

    /**
     * Locks and slot holds are written apart from the requests they follow; what a crash between the writes left
     * behind is derived again from the requests, once a minute, reading only what changed since the last pass.
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

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService waitlistRetryExecutor() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "waitlist-retry");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    PoolChanges poolChanges(MatchRequestStore store, Matchmaker matchmaker, MentorSlots slots, Clock clock) {
        return new PoolChanges(store, matchmaker, slots, clock);
    }

    @Bean
    WaitlistRetry waitlistRetry(
            MatchRequestStore store,
            Matchmaker matchmaker,
            MentorSearch search,
            MentorSlots slots,
            MatchingSettings settings,
            ScheduledExecutorService waitlistRetryExecutor,
            Clock clock) {
        WaitlistRetry waitlist = new WaitlistRetry(store, matchmaker, search, settings, waitlistRetryExecutor, clock);
        // A freed slot can unblock a waiting newcomer. (The pool registered first, so it already has the new count.)
        slots.onChange(change -> {
            if (change.freed()) {
                waitlist.mentorMayServe(change.mentorId());
            }
        });
        return waitlist;
    }

    @Bean
    DueRequests dueRequests(
            MatchRequestStore store,
            ProposalResponses responses,
            Matchmaker matchmaker,
            MatchingSettings settings,
            Clock clock) {
        return new DueRequests(store, responses, matchmaker, settings, clock);
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
    PoolFollower poolFollower(PoolChanges pool, WaitlistRetry waitlist, MentorSlots slots, PersonErasure erasure) {
        return new PoolFollower(pool, waitlist, slots, erasure);
    }

    /**
     * Expiry, reminders, unfinished searches and waitlist rechecks by conditional updates on a timer that reads only
     * what is due (never TTL indexes, which the MongoDB stand-in does not sweep): safe with two instances, each change
     * decided by a version-guarded write.
     */
    @Bean
    PeriodicTask matchingTimers(DueRequests due, MatchingSettings settings) {
        return new PeriodicTask("matching-timers", settings.timerInterval(), due::tick);
    }
}
