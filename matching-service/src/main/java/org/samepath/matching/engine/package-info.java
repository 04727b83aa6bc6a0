/**
 * The matching engine: plain Java (no Spring, no database, no I/O), data in, ranked and explained candidates out.
 *
 * <h2>Inputs</h2>
 * <ul>
 *   <li>{@link org.samepath.matching.engine.Newcomer}: {@link org.samepath.matching.engine.PersonAttributes}, the
 *       newcomer's {@link org.samepath.matching.engine.Preference}s ({@link org.samepath.matching.engine.Criterion},
 *       value, {@link org.samepath.matching.engine.Strength}) and when they started waiting.
 *   <li>{@link org.samepath.matching.engine.MentorPool}: every {@link org.samepath.matching.engine.Mentor}
 *       (attributes, {@link org.samepath.matching.engine.MentorStatus}, recovery start, capacity, slots in use),
 *       indexed in memory and updated while requests rank.
 *   <li>{@link org.samepath.matching.engine.Exclusions}: blocked and ended pairs, declines with their time, mentors
 *       already tried for the current request.
 *   <li>{@link org.samepath.matching.engine.MatchingSettings}: weights, {@code PREFER} bonus, minimum time in
 *       recovery, decline cool-down, shortlist size; and {@code now}.
 * </ul>
 * Lived experience, identities and faith carry the owner's {@link org.samepath.matching.engine.Consent}
 * ({@code PRIVATE} values are dropped before they get here); the other attributes count as shareable.
 *
 * <h2>Hard filters</h2>
 * A mentor is a candidate only if none of the {@link org.samepath.matching.engine.HardFilter}s removes them: not
 * the newcomer themselves; the pair not blocked, not previously ended, not declined within the cool-down, not
 * already tried for this request; no shared conflict-of-interest entry; the mentor {@code APPROVED}, with a free
 * slot ({@code slotsInUse < capacity}), in recovery since at least the minimum time before {@code now} (UTC date);
 * and every {@code MUST} preference met: {@code LANGUAGE}, {@code PATHWAY}, {@code IDENTITY},
 * {@code AVAILABILITY}: the mentor has the value; {@code GENDER}, {@code AGE_BAND}, {@code FAITH}: the mentor's
 * value equals it; {@code SHARED_EXPERIENCE}: the mentor has the value, or without a value at least one lived
 * experience in common. Each removed mentor is counted under the first filter in declaration order, so the counts
 * and the candidates considered add up to the pool size.
 *
 * <h2>Score (0-100)</h2>
 * For each criterion, a fraction in [0, 1] times its weight:
 * <ul>
 *   <li>{@code SHARED_EXPERIENCE}, {@code PATHWAY}, {@code IDENTITY}: the share of the newcomer's values the mentor
 *       also has;
 *   <li>{@code LANGUAGE}: 1 if they share a language; {@code FAITH}, {@code GENDER}: 1 if the same value;
 *       {@code AGE_BAND}: 1 for the same band, 0.5 for an adjacent one;
 *   <li>{@code AVAILABILITY}: the share of the newcomer's weekly slots the mentor also has, times a time-zone
 *       factor (1 within 2 hours' offset at {@code now}, fading linearly to 0 at 10 hours; 1 if a zone is unknown);
 *   <li>{@code MENTOR_LOAD}: the mentor's free slots over their capacity, to spread the work.
 * </ul>
 * A criterion counts only when the newcomer has a value for it ({@code MENTOR_LOAD} always). Each {@code PREFER}
 * preference is worth {@link org.samepath.matching.engine.MatchingSettings#preferenceBonus()} more, earned when
 * the mentor meets it (the same test as a {@code MUST}). The total is divided by the most the newcomer could get
 * (the counted weights plus the bonuses), so a mentor who meets everything scores 100. Arithmetic is exact
 * fixed-point (micro-points); the score rounds half up. {@code MATCH_ONLY} values count like shareable ones.
 * Candidates are ranked by exact score, ties by mentor id: the same input always gives the same output.
 *
 * <h2>Explanations</h2>
 * A {@link org.samepath.matching.engine.Candidate} carries a {@link org.samepath.matching.engine.CriterionScore}
 * per criterion (for coordinators: it reflects {@code MATCH_ONLY} values, so it is not shown to the partner), the
 * {@code PREFER} preferences it leaves unmet, and reasons in plain words ("both in recovery from alcohol use", "both
 * speak Spanish", "available at the same times (Monday evening)") that name only what both people hold and both
 * marked {@code MATCH_AND_SHARE}. When nobody is left, the {@link org.samepath.matching.engine.Ranking} says why
 * ("no approved mentor speaks Spanish", "no approved mentor who speaks Spanish has a free slot"); those reasons
 * name a sensitive preference value only when the newcomer does not hold it as {@code MATCH_ONLY}.
 *
 * <h2>Fairness</h2>
 * {@link org.samepath.matching.engine.MatchingEngine#nextNewcomerFor} gives a freed mentor to the longest-waiting
 * newcomer the mentor passes every hard filter for, whatever their scores.
 *
 * <h2>Speed</h2>
 * Ranking 100,000 mentors takes about a millisecond on one core. The {@link
 * org.samepath.matching.engine.MentorPool} interns every vocabulary value to a bit position at insert time and keeps
 * mentors as primitive columns: per attribute a bitmask per mentor (for scoring) and a bitset of mentors per value
 * (for filtering), bitsets of approved and available mentors, and a {@code long} per mentor that sorts like the id
 * (ties cost one comparison). A request compiles to bitsets and integer tables; the scan filters 64 mentors at a
 * time with ANDs and bit counts (no branch per mentor on random facts such as "full" or "speaks Spanish"), scores
 * only the mentors left with a few ANDs, bit counts and table look-ups, stops scoring a mentor once the heaviest
 * criteria show they cannot reach the shortlist, keeps the shortlist in a bounded heap, and explains only the
 * shortlist. Updates take a write lock; rankings share a read lock. The matching-benchmark module measures it.
 */
package org.samepath.matching.engine;
