package org.samepath.loaddriver;

import java.util.List;

/**
 * What happened to the requests the streams left unexplained, asked of the services themselves: seen late (after the
 * drain deadline), waitlisted or notified but never pushed on the stream, or lost (no proposal and no waitlist, or a
 * proposal nobody was told of).
 */
record Reconciliation(
        int late,
        int waitlistedUnstreamed,
        int proposalsUnstreamed,
        int matchStartsUnstreamed,
        int lost,
        List<String> lostExamples) {}
