package org.samepath.matching.engine;

import java.util.List;

/**
 * A mentor who passed every hard filter, with an explained score.
 *
 * @param score 0-100
 * @param breakdown per criterion, in {@link Criterion} order, only criteria that could earn points
 * @param reasons plain words naming only what both people share and agreed to share
 * @param unmetPreferences the newcomer's {@link Strength#PREFER} preferences this mentor does not meet
 */
public record Candidate(
        String mentorId,
        int score,
        List<CriterionScore> breakdown,
        List<String> reasons,
        List<Preference> unmetPreferences) {

    public Candidate {
        breakdown = List.copyOf(breakdown);
        reasons = List.copyOf(reasons);
        unmetPreferences = List.copyOf(unmetPreferences);
    }
}
