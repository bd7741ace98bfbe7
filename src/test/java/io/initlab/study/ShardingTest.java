package io.initlab.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.initlab.study.Sharding.Run;
import io.initlab.study.Sharding.Shard;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShardingTest {

    @Test
    void everyRunLandsInExactlyOneShardInStudyOrder() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            List<Run> runs = randomRuns(rnd, rnd.nextInt(41), 1 + rnd.nextInt(50));
            int n = 1 + rnd.nextInt(8);
            List<List<String>> shards = Sharding.partition(runs, n);
            assertThat(shards).hasSize(n);
            List<String> all = new ArrayList<>();
            shards.forEach(all::addAll);
            assertThat(all).containsExactlyInAnyOrderElementsOf(runs.stream().map(Run::id).toList());
            List<String> studyOrder = runs.stream().map(Run::id).toList();
            for (List<String> shard : shards) {
                assertThat(shard).isSortedAccordingTo((a, b) -> studyOrder.indexOf(a) - studyOrder.indexOf(b));
            }
        }
    }

    @Test
    void handWorkedLptExample() {
        // Graham's worst case for two machines: LPT gives 7 where 6 is possible (3+3 | 2+2+2)
        List<Run> runs = List.of(new Run("e", 2), new Run("a", 3), new Run("c", 2), new Run("b", 3), new Run("d", 2));
        // by cost then id: a3 b3 c2 d2 e2; a->1, b->2, c->1 (equal loads: lower shard), d->2, e->1
        assertThat(Sharding.partition(runs, 2)).containsExactly(List.of("e", "a", "c"), List.of("b", "d"));
        assertThat(Sharding.runsOf(runs, Shard.parse("2/2"))).containsExactly("b", "d");
    }

    @Test
    void shardMembershipDoesNotDependOnTheInputOrder() {
        Random rnd = new Random(5);
        for (int trial = 0; trial < 100; trial++) {
            // few distinct costs, so many ties have to be broken by id
            List<Run> runs = randomRuns(rnd, 1 + rnd.nextInt(30), 3);
            int n = 1 + rnd.nextInt(6);
            List<Set<String>> expected = asSets(Sharding.partition(runs, n));
            List<Run> shuffled = new ArrayList<>(runs);
            Collections.shuffle(shuffled, rnd);
            assertThat(asSets(Sharding.partition(shuffled, n))).isEqualTo(expected);
        }
    }

    @Test
    void equalCostsGiveShardSizesWithinOne() {
        for (int runs = 0; runs <= 25; runs++) {
            for (int n = 1; n <= 7; n++) {
                List<Run> list = new ArrayList<>();
                for (int i = 0; i < runs; i++) list.add(new Run(String.format("run%02d", i), 1.0));
                List<Integer> sizes = Sharding.partition(list, n).stream().map(List::size).toList();
                assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(runs);
                int max = sizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
                int min = sizes.stream().mapToInt(Integer::intValue).min().orElseThrow();
                assertThat(max - min).as(runs + " runs in " + n + " shards: " + sizes).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void makespanWithinGrahamsBoundOfTheBruteForceOptimum() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 300; trial++) {
            int m = 2 + rnd.nextInt(2);
            List<Run> runs = randomRuns(rnd, 1 + rnd.nextInt(9), 20);
            double lpt = makespan(runs, Sharding.partition(runs, m));
            double best = optimalMakespan(runs, m);
            assertThat(lpt).isGreaterThanOrEqualTo(best);
            assertThat(lpt).as(runs + " on " + m).isLessThanOrEqualTo((4.0 / 3 - 1.0 / (3 * m)) * best + 1e-9);
        }
    }

    @Test
    void moreShardsThanRunsLeavesTheRestEmpty() {
        List<Run> runs = List.of(new Run("x", 5), new Run("y", 1));
        assertThat(Sharding.partition(runs, 4)).containsExactly(List.of("x"), List.of("y"), List.of(), List.of());
        assertThat(Sharding.partition(List.of(), 3)).containsExactly(List.of(), List.of(), List.of());
    }

    @Test
    void parsesShardsNumberedFromOne() {
        assertThat(Shard.parse("1/1")).isEqualTo(new Shard(1, 1));
        assertThat(Shard.parse(" 3/4 ")).isEqualTo(new Shard(3, 4));
        assertThat(Shard.parse("12/100").toString()).isEqualTo("12/100");
    }

    @Test
    void badShardTextIsOneClearLine() {
        for (String bad : new String[] {"", "2", "0/4", "5/4", "2/0", "-1/4", "a/b", "2/4/6", "1.5/4", "2 / 4",
                "99999999999/4", null}) {
            assertThatThrownBy(() -> Shard.parse(bad)).as(String.valueOf(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("I/N").hasMessageContaining("e.g. 2/4")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void badRunListsAreRejected() {
        assertThatThrownBy(() -> Sharding.partition(List.of(new Run("a", 1), new Run("a", 2)), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a appears twice");
        assertThatThrownBy(() -> new Run("a", Double.NaN)).hasMessageContaining("finite");
        assertThatThrownBy(() -> new Run("a", -1)).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> new Run("", 1)).hasMessageContaining("no id");
        assertThatThrownBy(() -> Sharding.partition(List.of(), 0)).hasMessageContaining("at least 1");
    }

    private static List<Run> randomRuns(Random rnd, int count, int maxCost) {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) runs.add(new Run("r" + rnd.nextInt(1_000_000) + "-" + i, 1 + rnd.nextInt(maxCost)));
        return runs;
    }

    private static List<Set<String>> asSets(List<List<String>> shards) {
        return shards.stream().<Set<String>>map(HashSet::new).toList();
    }

    private static double makespan(List<Run> runs, List<List<String>> shards) {
        Map<String, Double> cost = new HashMap<>();
        runs.forEach(r -> cost.put(r.id(), r.cost()));
        return shards.stream().mapToDouble(s -> s.stream().mapToDouble(cost::get).sum()).max().orElse(0);
    }

    /** The best makespan over all m^n assignments (independent of LPT; small n only). */
    private static double optimalMakespan(List<Run> runs, int m) {
        int n = runs.size();
        int assignments = (int) Math.pow(m, n);
        double best = Double.POSITIVE_INFINITY;
        double[] load = new double[m];
        for (int code = 0; code < assignments; code++) {
            java.util.Arrays.fill(load, 0);
            int c = code;
            for (Run r : runs) {
                load[c % m] += r.cost();
                c /= m;
            }
            double worst = 0;
            for (double l : load) worst = Math.max(worst, l);
            best = Math.min(best, worst);
        }
        return best;
    }
}
