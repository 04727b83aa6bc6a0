package org.samepath.matching.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.bson.Document;
import org.samepath.matching.dashboard.Alerts.Alert;
import org.samepath.matching.dashboard.DashboardSnapshot.Activity;
import org.samepath.matching.dashboard.DashboardSnapshot.AlertView;
import org.samepath.matching.dashboard.DashboardSnapshot.MatchRow;
import org.samepath.matching.dashboard.DashboardSnapshot.MentorCapacity;
import org.samepath.matching.dashboard.DashboardSnapshot.PendingMentor;
import org.samepath.matching.dashboard.DashboardSnapshot.ProposalOutcomes;
import org.samepath.matching.dashboard.DashboardSnapshot.TimeToMatch;
import org.samepath.matching.dashboard.DashboardSnapshot.WaitingNewcomer;
import org.samepath.matching.people.MatchablePeople;
import org.samepath.matching.request.MatchRequest;
import org.samepath.matching.request.MatchRequest.Decision;
import org.samepath.matching.request.MatchRequest.MatchStatus;
import org.samepath.matching.request.MatchRequest.Proposal;
import org.samepath.matching.request.MatchRequest.ProposalStatus;
import org.samepath.matching.request.MatchRequest.Status;
import org.samepath.matching.request.MatchRequestStore;
import org.samepath.matching.slots.MentorSlots;

/**
 * Builds the dashboard from matching's own collections. One build reads every request once, so it is cached for a
 * short while: any number of open dashboards cost one build per window per second, and none when nobody watches.
 */
public class DashboardQueries {

    static final int WAITLIST_ROWS = 50;
    static final int MATCH_ROWS = 25;
    static final int ACTIVITY_ROWS = 30;
    static final int ACKNOWLEDGED_ALERTS_SHOWN = 10;
    private static final Duration FRESH_FOR = Duration.ofMillis(900);

    private final MatchRequestStore requests;
    private final MatchablePeople people;
    private final MentorSlots slots;
    private final Alerts alerts;
    private final Clock clock;
    private final Map<DashboardWindow, DashboardSnapshot> cache = new ConcurrentHashMap<>();

    DashboardQueries(
            MatchRequestStore requests, MatchablePeople people, MentorSlots slots, Alerts alerts, Clock clock) {
        this.requests = requests;
        this.people = people;
        this.slots = slots;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** The dashboard as of at most a second ago. */
    public DashboardSnapshot snapshot(DashboardWindow window) {
        DashboardSnapshot cached = cache.get(window);
        if (cached != null
                && Duration.between(cached.generatedAt(), clock.instant()).compareTo(FRESH_FOR) < 0) {
            return cached;
        }
        DashboardSnapshot fresh = build(window);
        cache.put(window, fresh);
        return fresh;
    }

    /** After a coordinator's own action, so their next look shows its effect. */
    void invalidate() {
        cache.clear();
    }

    DashboardSnapshot build(DashboardWindow window) {
        Instant now = clock.instant();
        Instant since = now.minus(window.length());
        List<MatchRequest> all = requests.findAll(new Document());
        List<MatchRequest> open =
                all.stream().filter(request -> request.status().isOpen()).toList();
        List<Alert> recentAlerts = alerts.recent(ACKNOWLEDGED_ALERTS_SHOWN);
        List<Document> mentors = people.mentors();
        return new DashboardSnapshot(
                now,
                window.label(),
                openByState(open),
                countMatches(all, MatchStatus.ACTIVE),
                countMatches(all, MatchStatus.PAUSED),
                open.stream().filter(r -> r.status() == Status.WAITLISTED).count(),
                waitlist(open, now),
                timeToMatch(all, since),
                outcomes(all, since),
                capacity(mentors),
                pendingApproval(mentors),
                recentAlerts.stream().filter(Alert::awaitingAcknowledgement).count(),
                recentAlerts.stream().map(DashboardQueries::view).toList(),
                recentMatches(all),
                waitByGroup(open, now),
                activity(all, recentAlerts));
    }

    private static Map<String, Long> openByState(List<MatchRequest> open) {
        Map<Status, Long> counts = new EnumMap<>(Status.class);
        for (Status status : Status.values()) {
            if (status.isOpen()) {
                counts.put(status, 0L);
            }
        }
        open.forEach(request -> counts.merge(request.status(), 1L, Long::sum));
        Map<String, Long> byName = new LinkedHashMap<>();
        counts.forEach((status, count) -> byName.put(status.name(), count));
        return byName;
    }

    private static long countMatches(List<MatchRequest> all, MatchStatus status) {
        return all.stream()
                .filter(r -> r.match() != null && r.match().status() == status)
                .count();
    }

    private static List<WaitingNewcomer> waitlist(List<MatchRequest> open, Instant now) {
        return open.stream()
                .filter(r -> r.status() == Status.WAITLISTED)
                .sorted(Comparator.comparing(MatchRequest::waitingSince))
                .limit(WAITLIST_ROWS)
                .map(r -> new WaitingNewcomer(
                        r.id(),
                        r.newcomerId(),
                        r.waitingSince(),
                        Duration.between(r.waitingSince(), now).toSeconds(),
                        r.waitlistReasons()))
                .toList();
    }

    private static TimeToMatch timeToMatch(List<MatchRequest> all, Instant since) {
        List<Duration> durations = all.stream()
                .filter(r -> r.match() != null && !r.match().startedAt().isBefore(since))
                .map(r -> Duration.between(r.createdAt(), r.match().startedAt()))
                .toList();
        return new TimeToMatch(
                durations.size(),
                Percentiles.of(durations, 50).toSeconds(),
                Percentiles.of(durations, 90).toSeconds());
    }

    private static ProposalOutcomes outcomes(List<MatchRequest> all, Instant since) {
        Map<ProposalStatus, Integer> counts = new EnumMap<>(ProposalStatus.class);
        all.stream()
                .flatMap(r -> r.proposals().stream())
                .filter(p -> p.decidedAt() != null && !p.decidedAt().isBefore(since))
                .forEach(p -> counts.merge(p.status(), 1, Integer::sum));
        int accepted = counts.getOrDefault(ProposalStatus.ACCEPTED, 0);
        int declined = counts.getOrDefault(ProposalStatus.DECLINED, 0);
        int expired = counts.getOrDefault(ProposalStatus.EXPIRED, 0);
        int answered = accepted + declined + expired;
        return new ProposalOutcomes(
                accepted,
                declined,
                expired,
                counts.getOrDefault(ProposalStatus.WITHDRAWN, 0),
                percent(accepted, answered),
                percent(declined, answered),
                percent(expired, answered));
    }

    private MentorCapacity capacity(List<Document> mentors) {
        Map<String, Integer> inUse = slots.inUseByMentor();
        Map<String, Long> byStatus = mentors.stream()
                .collect(Collectors.groupingBy(mentor -> mentor.getString("status"), Collectors.counting()));
        int total = 0;
        int used = 0;
        for (Document mentor : mentors) {
            if ("APPROVED".equals(mentor.getString("status"))) {
                total += mentor.getInteger("capacity", 0);
                used += inUse.getOrDefault(mentor.getString("_id"), 0);
            }
        }
        return new MentorCapacity(
                byStatus.getOrDefault("APPROVED", 0L).intValue(),
                byStatus.getOrDefault("PAUSED", 0L).intValue(),
                byStatus.getOrDefault("SUSPENDED", 0L).intValue(),
                byStatus.getOrDefault("PENDING_APPROVAL", 0L).intValue(),
                used,
                total,
                percent(used, total));
    }

    private static List<PendingMentor> pendingApproval(List<Document> mentors) {
        return mentors.stream()
                .filter(mentor -> "PENDING_APPROVAL".equals(mentor.getString("status")))
                .map(mentor -> new PendingMentor(
                        mentor.getString("_id"),
                        mentor.getList("languages", String.class, List.of()),
                        mentor.getInteger("capacity")))
                .sorted(Comparator.comparing(PendingMentor::mentorId))
                .toList();
    }

    private static AlertView view(Alert alert) {
        return new AlertView(
                alert.id(),
                alert.kind().name(),
                alert.personId(),
                alert.subjectId(),
                alert.raisedAt(),
                alert.awaitingAcknowledgement(),
                alert.acknowledgedBy(),
                alert.acknowledgedAt());
    }

    private static List<MatchRow> recentMatches(List<MatchRequest> all) {
        return all.stream()
                .filter(r -> r.match() != null && r.match().status() != MatchStatus.ENDED)
                .sorted(Comparator.comparing((MatchRequest r) -> r.match().startedAt())
                        .reversed())
                .limit(MATCH_ROWS)
                .map(r -> new MatchRow(
                        r.match().id(),
                        r.newcomerId(),
                        r.match().mentorId(),
                        r.match().status().name(),
                        r.match().startedAt()))
                .toList();
    }

    private List<GroupBreakdown> waitByGroup(List<MatchRequest> open, Instant now) {
        Set<String> newcomerIds = open.stream().map(MatchRequest::newcomerId).collect(Collectors.toSet());
        Map<String, Document> newcomers = people.findAll(newcomerIds);
        Map<String, List<Duration>> byLanguage = new TreeMap<>();
        Map<String, List<Duration>> byPathway = new TreeMap<>();
        for (MatchRequest request : open) {
            Document newcomer = newcomers.get(request.newcomerId());
            if (newcomer == null) {
                continue;
            }
            Duration waited = Duration.between(request.createdAt(), now);
            for (String language : newcomer.getList("languages", String.class, List.of())) {
                byLanguage.computeIfAbsent(language, key -> new ArrayList<>()).add(waited);
            }
            for (String pathway : newcomer.getList("recoveryPathways", String.class, List.of())) {
                byPathway.computeIfAbsent(pathway, key -> new ArrayList<>()).add(waited);
            }
        }
        return List.of(GroupBreakdown.of("language", byLanguage), GroupBreakdown.of("pathway", byPathway));
    }

    /** The most recent happenings, told from the requests' own history and the alerts: nothing extra is stored. */
    private static List<Activity> activity(List<MatchRequest> all, List<Alert> recentAlerts) {
        List<Activity> feed = new ArrayList<>();
        for (MatchRequest request : all) {
            String newcomer = request.newcomerId();
            feed.add(new Activity(request.createdAt(), "REQUESTED", "Newcomer " + newcomer + " asked for a mentor"));
            for (Decision decision : request.provenance()) {
                if ("WAITLISTED".equals(decision.outcome())) {
                    feed.add(new Activity(decision.at(), "WAITLISTED", "Newcomer " + newcomer + " is on the waitlist"));
                }
            }
            for (Proposal proposal : request.proposals()) {
                String by = proposal.assignedBy() == null ? "" : " (assigned by a coordinator)";
                feed.add(new Activity(
                        proposal.proposedAt(),
                        "PROPOSED",
                        "Mentor " + proposal.mentorId() + " proposed to newcomer " + newcomer + by));
                if (proposal.decidedAt() != null) {
                    feed.add(new Activity(
                            proposal.decidedAt(),
                            proposal.status().name(),
                            "Proposal of mentor " + proposal.mentorId() + " to newcomer " + newcomer + " "
                                    + proposal.status().name().toLowerCase()));
                }
            }
            if (request.match() != null && request.match().endedAt() != null) {
                feed.add(new Activity(
                        request.match().endedAt(),
                        "MATCH_ENDED",
                        "Match of newcomer " + newcomer + " and mentor "
                                + request.match().mentorId() + " ended"));
            }
        }
        for (Alert alert : recentAlerts) {
            String what = alert.kind() == Alerts.Kind.URGENT_SUPPORT
                    ? "Urgent support requested by newcomer " + alert.personId()
                    : "Report by " + alert.personId() + " about " + alert.subjectId();
            feed.add(new Activity(alert.raisedAt(), alert.kind().name(), what));
            if (alert.acknowledgedAt() != null) {
                feed.add(new Activity(
                        alert.acknowledgedAt(),
                        "ACKNOWLEDGED",
                        "Alert acknowledged by coordinator " + alert.acknowledgedBy()));
            }
        }
        return feed.stream()
                .sorted(Comparator.comparing(Activity::at).reversed())
                .limit(ACTIVITY_ROWS)
                .toList();
    }

    private static double percent(int part, int whole) {
        return whole == 0 ? 0.0 : Math.round(1000.0 * part / whole) / 10.0;
    }
}
