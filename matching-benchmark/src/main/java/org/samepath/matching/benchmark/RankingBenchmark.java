package org.samepath.matching.benchmark;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.samepath.matching.engine.Exclusions;
import org.samepath.matching.engine.MatchingEngine;
import org.samepath.matching.engine.MatchingSettings;
import org.samepath.matching.engine.MentorPool;
import org.samepath.matching.engine.Newcomer;
import org.samepath.matching.engine.Ranking;

/**
 * One request against 100,000 approved mentors: hard filters, scores, the top 5 with explanations. The pool and
 * 256 varied newcomers (fixed seed) are built once per fork; each call ranks the next newcomer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 4, time = 4)
@Measurement(iterations = 5, time = 5)
public class RankingBenchmark {

    static final int MENTORS = 100_000;

    private MentorPool pool;
    private MatchingEngine engine;
    private List<Newcomer> newcomers;
    private Exclusions exclusions;
    private int next;

    @Setup(Level.Trial)
    public void buildPool() {
        RealisticPeople people = new RealisticPeople(20_260_601L);
        pool = MentorPool.of(people.approvedMentors(MENTORS));
        newcomers = people.newcomers(256);
        exclusions = people.exclusions(newcomers, MENTORS);
        engine = new MatchingEngine(MatchingSettings.defaults());
    }

    @Benchmark
    public Ranking rankOneRequest() {
        Newcomer newcomer = newcomers.get(next++ & 255);
        return engine.rank(newcomer, pool, exclusions, RealisticPeople.NOW);
    }
}
