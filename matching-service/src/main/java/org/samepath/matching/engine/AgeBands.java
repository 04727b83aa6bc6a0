package org.samepath.matching.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Age bands such as {@code 25-34} or {@code 65+}: adjacent bands touch (one ends where the next begins). */
final class AgeBands {

    private static final Pattern BAND = Pattern.compile("(\\d+)\\s*(?:-\\s*(\\d+)|\\+)");

    private AgeBands() {}

    static boolean adjacent(String a, String b) {
        int[] first = bounds(a);
        int[] second = bounds(b);
        if (first == null || second == null) {
            return false;
        }
        return first[1] + 1 == second[0] || second[1] + 1 == first[0];
    }

    private static int[] bounds(String band) {
        Matcher matcher = BAND.matcher(band);
        if (!matcher.matches()) {
            return null;
        }
        int low = Integer.parseInt(matcher.group(1));
        int high = matcher.group(2) == null ? Integer.MAX_VALUE - 1 : Integer.parseInt(matcher.group(2));
        return new int[] {low, high};
    }
}
