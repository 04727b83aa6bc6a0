package org.samepath.matching.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a shortlisted row into a {@link Candidate}: the breakdown from the same terms that scored it, the unmet
 * {@code PREFER} preferences, and reasons that name only what both people hold and both marked
 * {@link Consent#MATCH_AND_SHARE} (attributes without consent count as shareable). Reasons are given only for
 * criteria that earned points or that the newcomer expressed a preference on.
 */
final class Explanations {

    static final String NOTHING_NAMEABLE = "meets every requirement and has room for a newcomer";

    private Explanations() {}

    static Candidate candidate(RequestPlan plan, Mentor mentor, int row, long micros) {
        Scoring scoring = plan.scoring;
        long[] points = scoring.pointsByCriterion(row);
        List<CriterionScore> breakdown = new ArrayList<>();
        for (Criterion criterion : Criterion.values()) {
            double max = scoring.maxPoints[criterion.ordinal()];
            if (max > 0) {
                breakdown.add(new CriterionScore(
                        criterion, round2(points[criterion.ordinal()] / (double) Term.MICROS_PER_POINT), round2(max)));
            }
        }
        List<Preference> unmet = new ArrayList<>();
        for (int p = 0; p < scoring.prefers.size(); p++) {
            if (scoring.preferTerms.get(p).query.overlap(row) == 0) {
                unmet.add(scoring.prefers.get(p));
            }
        }
        return new Candidate(
                mentor.id(), roundedScore(micros), breakdown, reasons(plan, mentor, scoring.zonePermille(row)), unmet);
    }

    /** Half a point and up rounds up; the total of exact integers never leaves 0-100 but is clamped anyway. */
    static int roundedScore(long micros) {
        long score = (micros + Term.MICROS_PER_POINT / 2) / Term.MICROS_PER_POINT;
        return (int) Math.max(0, Math.min(100, score));
    }

    static List<String> reasons(RequestPlan plan, Mentor mentor, int zonePermille) {
        PersonAttributes newcomer = plan.newcomer.attributes();
        PersonAttributes other = mentor.attributes();
        List<String> reasons = new ArrayList<>();
        if (explains(plan, Criterion.SHARED_EXPERIENCE)) {
            bothShareable(newcomer.livedExperience(), other.livedExperience())
                    .forEach(tag -> reasons.add(Phrases.bothLived(tag)));
        }
        if (explains(plan, Criterion.PATHWAY)) {
            shared(newcomer.recoveryPathways(), other.recoveryPathways())
                    .forEach(p -> reasons.add(Phrases.bothPathway(p)));
        }
        TreeSet<String> languages = shared(newcomer.languages(), other.languages());
        if (explains(plan, Criterion.LANGUAGE) && !languages.isEmpty()) {
            reasons.add(Phrases.bothSpeak(languages));
        }
        if (explains(plan, Criterion.IDENTITY)) {
            bothShareable(newcomer.identities(), other.identities())
                    .forEach(tag -> reasons.add(Phrases.bothIdentity(tag)));
        }
        if (explains(plan, Criterion.FAITH)
                && newcomer.faith() != null
                && other.faith() != null
                && newcomer.faith().shareable()
                && other.faith().shareable()
                && newcomer.faith().value().equals(other.faith().value())) {
            Phrases.bothFaith(newcomer.faith().value()).ifPresent(reasons::add);
        }
        if (explains(plan, Criterion.GENDER)
                && newcomer.genderIdentity() != null
                && newcomer.genderIdentity().equals(other.genderIdentity())) {
            Phrases.bothGender(newcomer.genderIdentity()).ifPresent(reasons::add);
        }
        if (explains(plan, Criterion.AGE_BAND) && newcomer.ageBand() != null && other.ageBand() != null) {
            if (newcomer.ageBand().equals(other.ageBand())) {
                reasons.add(Phrases.sameAgeBand(newcomer.ageBand()));
            } else if (AgeBands.adjacent(newcomer.ageBand(), other.ageBand())) {
                reasons.add(Phrases.closeInAge(newcomer.ageBand(), other.ageBand()));
            }
        }
        List<String> slots = shared(newcomer.availability(), other.availability()).stream()
                .sorted(Comparator.comparingInt(Phrases::slotOrder).thenComparing(Comparator.naturalOrder()))
                .toList();
        if (explains(plan, Criterion.AVAILABILITY) && !slots.isEmpty() && zonePermille == 1000) {
            reasons.add(Phrases.sameTimes(slots));
        }
        if (reasons.isEmpty()) {
            reasons.add(NOTHING_NAMEABLE);
        }
        return reasons;
    }

    private static boolean explains(RequestPlan plan, Criterion criterion) {
        return plan.scoring.maxPoints[criterion.ordinal()] > 0
                || plan.newcomer.preferences().stream().anyMatch(p -> p.criterion() == criterion);
    }

    private static TreeSet<String> shared(Set<String> a, Set<String> b) {
        TreeSet<String> both = new TreeSet<>(a);
        both.retainAll(b);
        return both;
    }

    private static List<String> bothShareable(Map<String, Consent> a, Map<String, Consent> b) {
        return a.keySet().stream()
                .filter(tag -> a.get(tag) == Consent.MATCH_AND_SHARE && b.get(tag) == Consent.MATCH_AND_SHARE)
                .sorted()
                .toList();
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
