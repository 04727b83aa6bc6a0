package org.samepath.matching.engine;

/**
 * One line of a candidate's score breakdown, on the 0-100 scale of the total: the points earned on a criterion
 * (its weighted overlap plus any met {@link Strength#PREFER} bonus) out of the most it could earn. For coordinators'
 * provenance: it reflects {@link Consent#MATCH_ONLY} attributes too, so it is not shown to the matched partner.
 */
public record CriterionScore(Criterion criterion, double points, double maxPoints) {}
