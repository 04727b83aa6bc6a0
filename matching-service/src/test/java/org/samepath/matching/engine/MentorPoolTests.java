package org.samepath.matching.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.samepath.matching.engine.Fixtures.ENGINE;
import static org.samepath.matching.engine.Fixtures.NOW;
import static org.samepath.matching.engine.Fixtures.ids;
import static org.samepath.matching.engine.Fixtures.mentor;
import static org.samepath.matching.engine.Fixtures.newcomer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MentorPoolTests {

    private final MentorPool pool = new MentorPool();
    private final Newcomer wantsSpanish = newcomer(Preference.must(Criterion.LANGUAGE, "es"));

    @Test
    void anUpsertReplacesEverythingKnownAboutTheMentor() {
        pool.upsert(mentor("m", p -> p.languages("es").conflicts("residence:oak-house")));
        pool.upsert(mentor("m", p -> p.languages("en")));

        assertThat(rankIds(wantsSpanish)).isEmpty();
        assertThat(rankIds(newcomer(p -> p.conflicts("residence:oak-house")))).containsExactly("m");
        assertThat(pool.size()).isEqualTo(1);
    }

    @Test
    void removingAMentorLeavesTheOthersIntact() {
        pool.upsert(mentor("a", p -> p.languages("es").conflicts("residence:oak-house")));
        pool.upsert(mentor("b", p -> p.languages("en")));
        pool.upsert(mentor("c", p -> p.languages("es")));

        assertThat(pool.remove("a")).isTrue();
        assertThat(pool.remove("a")).isFalse();

        assertThat(rankIds(wantsSpanish)).containsExactly("c");
        assertThat(pool.find("a")).isEmpty();
        assertThat(pool.find("c")).map(Mentor::id).contains("c");
        assertThat(pool.mentors()).extracting(Mentor::id).containsExactlyInAnyOrder("b", "c");
        pool.upsert(mentor("a", p -> p.languages("es")));
        assertThat(rankIds(wantsSpanish)).containsExactly("a", "c");
    }

    @Test
    void slotAndStatusChangesTakeEffectAtOnce() {
        pool.upsert(mentor("m", p -> p.languages("es")).withSlotsInUse(3));
        assertThat(rankIds(wantsSpanish)).isEmpty();

        assertThat(pool.updateSlotsInUse("m", 2)).isTrue();
        assertThat(rankIds(wantsSpanish)).containsExactly("m");

        assertThat(pool.updateStatus("m", MentorStatus.PAUSED)).isTrue();
        assertThat(rankIds(wantsSpanish)).isEmpty();
        assertThat(pool.find("m")).map(Mentor::status).contains(MentorStatus.PAUSED);

        assertThat(pool.updateStatus("nobody", MentorStatus.APPROVED)).isFalse();
        assertThat(pool.updateSlotsInUse("nobody", 0)).isFalse();
    }

    @Test
    void aVocabularyBeyond64ValuesStillMatchesExactly() {
        String[] languages = Arrays.copyOf(Locale.getISOLanguages(), 150);
        for (String language : languages) {
            pool.upsert(mentor("speaks-" + language, p -> p.languages(language)));
        }
        String late = languages[140];

        assertThat(rankIds(newcomer(Preference.must(Criterion.LANGUAGE, late)))).containsExactly("speaks-" + late);
        Newcomer twoWords = newcomer(p -> p.languages(languages[3], late));
        List<Candidate> candidates =
                ENGINE.rank(twoWords, pool, Exclusions.none(), NOW).candidates();
        assertThat(candidates.subList(0, 2))
                .extracting(Candidate::mentorId)
                .containsExactlyInAnyOrder("speaks-" + languages[3], "speaks-" + late);
        assertThat(candidates.get(1).score()).isGreaterThan(candidates.get(2).score());
    }

    @Test
    void rankingsStayConsistentWhileTheMentorsChange() throws Exception {
        for (int i = 0; i < 2_000; i++) {
            pool.upsert(mentor(String.format("m%04d", i), p -> p.languages("es")));
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int writer = 0; writer < 2; writer++) {
                int offset = writer;
                work.add(threads.submit(() -> churn(offset)));
            }
            for (int reader = 0; reader < 2; reader++) {
                work.add(threads.submit(this::rankRepeatedly));
            }
            for (Future<?> done : work) {
                done.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Removes, re-adds (growing the arrays and the vocabulary) and fills mentors. */
    private void churn(int offset) {
        for (int k = 0; k < 3_000; k++) {
            String id = String.format("m%04d", (k * 2 + offset) % 2_000);
            pool.remove(id);
            pool.upsert(mentor(id, p -> p.languages("es", "x" + Integer.toString(id.hashCode() % 90))));
            pool.upsert(mentor("extra-" + offset + "-" + k, p -> p.languages("es")));
            pool.updateSlotsInUse(id, k % 4);
        }
    }

    private void rankRepeatedly() {
        for (int k = 0; k < 200; k++) {
            Ranking ranking = ENGINE.rank(wantsSpanish, pool, Exclusions.none(), NOW);
            int removed = ranking.removedByFilter().values().stream()
                    .mapToInt(Integer::intValue)
                    .sum();
            assertThat(ranking.candidatesConsidered() + removed).isEqualTo(ranking.poolSize());
            assertThat(ranking.candidates()).hasSize(5);
            assertThat(ranking.removedByFilter().keySet()).isSubsetOf(HardFilter.NO_FREE_SLOT);
        }
    }

    private List<String> rankIds(Newcomer newcomer) {
        return ids(ENGINE.rank(newcomer, pool, Exclusions.none(), NOW));
    }
}
