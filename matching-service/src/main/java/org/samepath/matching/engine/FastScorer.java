package org.samepath.matching.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The usual request scored in a straight line: one word per set-valued attribute (points by how many values are
 * shared), one table look-up by bit position per single-valued attribute (every term on it folded into the table),
 * then the {@code PREFER} bonuses on set-valued attributes. Applies when every query lies in one word of its
 * column and single-valued columns have one word per row; the sums are the same integers as {@link Term} by term.
 */
final class FastScorer {

    /** A set-valued attribute: the points for how many of the query's values the row has. */
    private record SetTerm(long[] words, int stride, int word, long mask, long[] byShared) {

        long points(int row) {
            return byShared[Long.bitCount(words[row * stride + word] & mask)];
        }

        long most() {
            return maxOf(byShared);
        }
    }

    /** A single-valued attribute in a one-word column: the points by the row's only bit (64 when it has none). */
    private record ValueTerm(long[] words, long[] byBit) {

        long points(int row) {
            return byBit[Long.numberOfTrailingZeros(words[row])];
        }

        long most() {
            return maxOf(byBit);
        }
    }

    private final Scoring scoring;
    private final SetTerm languages;
    private final SetTerm livedExperience;
    private final SetTerm pathways;
    private final SetTerm identities;
    private final SetTerm availability;
    private final boolean availabilityZoneAdjusted;
    private final ValueTerm gender;
    private final ValueTerm ageBand;
    private final ValueTerm faith;
    private final SetTerm[] bonuses;
    /** The most the terms after {@link #heavyPoints} can add. */
    private final long lightMost;

    private FastScorer(Scoring scoring, SetTerm[] sets, ValueTerm[] values, boolean zoneAdjusted, SetTerm[] bonuses) {
        this.scoring = scoring;
        this.languages = sets[Attribute.LANGUAGES.ordinal()];
        this.livedExperience = sets[Attribute.LIVED_EXPERIENCE.ordinal()];
        this.pathways = sets[Attribute.PATHWAYS.ordinal()];
        this.identities = sets[Attribute.IDENTITIES.ordinal()];
        this.availability = sets[Attribute.AVAILABILITY.ordinal()];
        this.availabilityZoneAdjusted = zoneAdjusted;
        this.gender = values[Attribute.GENDER.ordinal()];
        this.ageBand = values[Attribute.AGE_BAND.ordinal()];
        this.faith = values[Attribute.FAITH.ordinal()];
        this.bonuses = bonuses;
        long most = most(identities) + most(availability) + most(gender) + most(ageBand) + most(faith);
        for (SetTerm bonus : bonuses) {
            most += bonus.most();
        }
        this.lightMost = most;
    }

    /** @return the fast scorer for these terms, or null when one of them needs the general path */
    static FastScorer of(Term[] terms, MentorColumns columns, Scoring scoring) {
        SetTerm[] sets = new SetTerm[Attribute.COUNT];
        ValueTerm[] values = new ValueTerm[Attribute.COUNT];
        List<SetTerm> bonuses = new ArrayList<>();
        boolean zoneAdjusted = false;
        for (Term term : terms) {
            BitQuery query = term.query;
            if (single(term.attribute)) {
                BitColumn column = columns.column(term.attribute);
                if (column.stride != 1) {
                    return null;
                }
                int slot = term.attribute.ordinal();
                if (values[slot] == null) {
                    values[slot] = new ValueTerm(column.words, new long[65]);
                }
                for (int bit = 0; bit < 64; bit++) {
                    values[slot].byBit()[bit] += query.hasBit(bit) ? term.byShared[1] : 0;
                }
            } else if (!query.singleWord()) {
                return null;
            } else if (term.preference) {
                bonuses.add(setTerm(term));
            } else {
                sets[term.attribute.ordinal()] = setTerm(term);
                zoneAdjusted |= term.zoneAdjusted;
            }
        }
        return new FastScorer(scoring, sets, values, zoneAdjusted, bonuses.toArray(SetTerm[]::new));
    }

    long score(int row) {
        return heavyPoints(row) + lightPoints(row);
    }

    /**
     * The score, or -1 as soon as it is sure to stay below {@code threshold}: after the heaviest terms, a row whose
     * points plus the most the others could add still fall short is not worth finishing. Exact integers make the
     * cut safe; with the shortlist full of strong candidates, most rows stop there.
     */
    long scoreUnlessBelow(int row, long threshold) {
        long heavy = heavyPoints(row);
        return heavy + lightMost < threshold ? -1 : heavy + lightPoints(row);
    }

    /** Mentor load, lived experience, pathway and language: most of the points in the default weights. */
    private long heavyPoints(int row) {
        long score = scoring.loadPoints(row);
        if (livedExperience != null) {
            score += livedExperience.points(row);
        }
        if (pathways != null) {
            score += pathways.points(row);
        }
        if (languages != null) {
            score += languages.points(row);
        }
        return score;
    }

    private long lightPoints(int row) {
        long score = 0;
        if (identities != null) {
            score += identities.points(row);
        }
        if (availability != null) {
            long points = availability.points(row);
            score += availabilityZoneAdjusted ? Term.adjust(points, scoring.zonePermille(row)) : points;
        }
        if (gender != null) {
            score += gender.points(row);
        }
        if (ageBand != null) {
            score += ageBand.points(row);
        }
        if (faith != null) {
            score += faith.points(row);
        }
        for (SetTerm bonus : bonuses) {
            score += bonus.points(row);
        }
        return score;
    }

    private static long most(SetTerm term) {
        return term == null ? 0 : term.most();
    }

    private static long most(ValueTerm term) {
        return term == null ? 0 : term.most();
    }

    private static long maxOf(long[] points) {
        long most = 0;
        for (long value : points) {
            most = Math.max(most, value);
        }
        return most;
    }

    private static boolean single(Attribute attribute) {
        return attribute == Attribute.GENDER || attribute == Attribute.AGE_BAND || attribute == Attribute.FAITH;
    }

    private static SetTerm setTerm(Term term) {
        BitQuery query = term.query;
        return new SetTerm(query.words(), query.stride(), query.firstWord(), query.firstMask(), term.byShared);
    }
}
