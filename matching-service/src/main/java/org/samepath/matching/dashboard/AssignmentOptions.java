package org.samepath.matching.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.samepath.matching.people.MatchablePeople;
import org.samepath.matching.request.MatchRequest;
import org.samepath.matching.request.MatchRequestStore;
import org.samepath.matching.request.MentorSearch;
import org.samepath.matching.request.MentorSearch.Assessment;
import org.samepath.matching.request.MentorSearch.Candidate;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The mentors a coordinator could assign by hand to an open request, each with the engine's explanation: first those
 * who pass every hard filter (best score first), then approved mentors who fail one, with the filter named, since a
 * waitlisted newcomer often has no compatible mentor and the coordinator must decide what to relax.
 */
public class AssignmentOptions {

    static final int COMPATIBLE_SHOWN = 5;
    static final int NEAR_MISSES_SHOWN = 5;

    private final MatchRequestStore requests;
    private final MentorSearch search;
    private final MatchablePeople people;
    private final Clock clock;

    AssignmentOptions(MatchRequestStore requests, MentorSearch search, MatchablePeople people, Clock clock) {
        this.requests = requests;
        this.search = search;
        this.people = people;
        this.clock = clock;
    }

    /**
     * @param violations the hard filters this mentor fails, in plain words; empty when compatible. Assigning one with
     *     violations needs {@code override} and a reason.
     * @param overridable whether an override with a reason would make the assignment possible: false when a violation
     *     is one no override lifts (a report's block, a mentor not approved, no free slot)
     */
    public record Option(
            String mentorId,
            int score,
            List<String> reasons,
            List<String> relaxedPreferences,
            List<String> violations,
            boolean overridable,
            String engineVersion) {}

    /** One mentor the coordinator has in mind, judged for this request: compatible with reasons, or why not. */
    public Option forRequestAndMentor(String requestId, String mentorId) {
        MatchRequest request = openRequest(requestId);
        Assessment assessment = search.assess(request.newcomerId(), mentorId, clock.instant());
        return assessment
                .candidate()
                .filter(candidate -> assessment.violations().isEmpty())
                .map(candidate -> option(candidate, List.of(), assessment.engineVersion()))
                .orElseGet(() -> nearMiss(mentorId, assessment));
    }

    public List<Option> forRequest(String requestId) {
        MatchRequest request = openRequest(requestId);
        Instant now = clock.instant();
        MentorSearch.Search found = search.search(request.newcomerId(), List.of(), now);
        List<Option> options = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (Candidate candidate :
                found.candidates().stream().limit(COMPATIBLE_SHOWN).toList()) {
            options.add(option(candidate, List.of(), found.engineVersion()));
            listed.add(candidate.mentorId());
        }
        List<Document> approved = people.mentors().stream()
                .filter(mentor -> "APPROVED".equals(mentor.getString("status")))
                .filter(mentor -> !listed.contains(mentor.getString("_id")))
                .sorted(Comparator.comparing(mentor -> mentor.getString("_id")))
                .toList();
        int nearMisses = 0;
        for (Document mentor : approved) {
            if (nearMisses == NEAR_MISSES_SHOWN) {
                break;
            }
            String mentorId = mentor.getString("_id");
            Assessment assessment;
            try {
                assessment = search.assess(request.newcomerId(), mentorId, now);
            } catch (ResponseStatusException notInPoolYet) {
                continue; // approved a moment ago: the pool learns of them within seconds
            }
            if (!assessment.violations().isEmpty()) {
                options.add(nearMiss(mentorId, assessment));
                nearMisses++;
            }
        }
        return options;
    }

    private MatchRequest openRequest(String requestId) {
        MatchRequest request = requests.find(requestId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such request."));
        if (!request.status().isOpen()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "This request is already " + request.status() + ".");
        }
        return request;
    }

    private static Option option(Candidate candidate, List<String> violations, String engineVersion) {
        return new Option(
                candidate.mentorId(),
                candidate.score(),
                candidate.reasons(),
                candidate.relaxedPreferences(),
                violations,
                true,
                engineVersion);
    }

    private static Option nearMiss(String mentorId, Assessment assessment) {
        return new Option(
                mentorId,
                0,
                List.of(),
                List.of(),
                assessment.violations(),
                assessment.overrideCanLiftAll(),
                assessment.engineVersion());
    }
}
