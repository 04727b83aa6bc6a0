package org.samepath.matching.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;

class IdOrderTests {

    @Test
    void labelsFollowTheIdsEvenWhenGapsRunOutBetweenTwoNeighbours() {
        List<String> ids = new ArrayList<>(List.of("a", "b"));
        StringBuilder squeezed = new StringBuilder("a");
        for (int i = 0; i < 200; i++) {
            ids.add(squeezed.append('0').toString());
        }

        assertLabelsSortLikeIds(ids, 0);
    }

    @Test
    void labelsFollowIdsAppendedInOrderAndInReverse() {
        List<String> ascending = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            ascending.add(String.format("mentor-%06d", i));
        }
        assertLabelsSortLikeIds(ascending, 0);
        List<String> descending = new ArrayList<>(ascending);
        Collections.reverse(descending);
        assertLabelsSortLikeIds(descending, 0);
    }

    @Property(tries = 200)
    void labelsSortLikeIdsWhateverTheInsertsAndRemovals(
            @ForAll @Size(max = 60) @UniqueElements List<@AlphaChars @StringLength(min = 1, max = 4) String> ids,
            @ForAll @IntRange(max = 30) int removals) {
        assertLabelsSortLikeIds(ids, removals);
    }

    /** Inserts the ids into a pool, removes some, and checks the rows' labels sort like their ids. */
    private static void assertLabelsSortLikeIds(List<String> ids, int removals) {
        MentorPool pool = new MentorPool();
        ids.forEach(id -> pool.upsert(Fixtures.mentor(id)));
        for (int i = 0; i < Math.min(removals, ids.size()); i++) {
            pool.remove(ids.get(i * 7 % ids.size()));
        }
        pool.read(() -> {
            MentorColumns columns = pool.columns();
            List<Integer> rows = new ArrayList<>();
            for (int row = 0; row < columns.size; row++) {
                rows.add(row);
            }
            List<String> byLabel = rows.stream()
                    .sorted(Comparator.comparingLong(row -> columns.order[row]))
                    .map(row -> columns.ids[row])
                    .toList();
            assertThat(byLabel).isSorted();
            assertThat(rows.stream()
                            .mapToLong(row -> columns.order[row])
                            .distinct()
                            .count())
                    .isEqualTo(columns.size);
            return null;
        });
    }
}
