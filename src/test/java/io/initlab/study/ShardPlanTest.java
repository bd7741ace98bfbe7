package io.initlab.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The partition of a study's runs into shards: its cost estimate and that every run lands once. */
class ShardPlanTest {
    static final String YAML = """
            name: plan
            dataset: mnist
            limit: 2000
            model: {hidden: [32], activation: relu}
            optimizer: adam
            lr: 0.001
            batch: 50
            epochs: 2
            validation: {split: random, fraction: 0.2}
            seeds: 1..5
            initializers: [zeros, xavier_normal, he_uniform]
            """;

    @Test
    void costIsEpochsTimesTrainingRowsTimesParameters() {
        Study s = StudyLoader.parse(Path.of("plan.yaml"), YAML);
        RunSpec r = RunSpec.expand(s).get(0);
        // 784·32 + 32 weights and biases, then 32·10 + 10; 2000 rows less 20 % validation; 2 epochs
        assertThat(ShardPlan.cost(s, r)).isEqualTo(2.0 * 1600 * (784 * 32 + 32 + 32 * 10 + 10));
        Study folds = StudyLoader.parse(Path.of("plan.yaml"), YAML.replace("validation: {split: random, fraction: 0.2}", "folds: 3"));
        // 2000 rows in 3 folds of 667, 667, 666: a run trains on the other two
        assertThat(RunSpec.expand(folds).stream().limit(3).map(f -> ShardPlan.cost(folds, f) / (2.0 * 25450)).toList())
                .containsExactly(1333.0, 1333.0, 1334.0);
    }

    @Test
    void everyRunInExactlyOneShardInStudyOrderAndEquallyDealt() {
        Study s = StudyLoader.parse(Path.of("plan.yaml"), YAML);
        List<RunSpec> all = RunSpec.expand(s);
        for (int n = 1; n <= 20; n++) {
            List<List<RunSpec>> shards = ShardPlan.partition(s, n);
            List<RunSpec> seen = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                List<RunSpec> shard = shards.get(i);
                assertThat(ShardPlan.runsOf(s, new Sharding.Shard(i + 1, n))).isEqualTo(shard);
                assertThat(shard).isSortedAccordingTo((a, b) -> all.indexOf(a) - all.indexOf(b));
                assertThat(shard.size()).as("equal costs: sizes differ by at most one").isBetween(all.size() / n,
                        (all.size() + n - 1) / n);
                seen.addAll(shard);
            }
            assertThat(seen).containsExactlyInAnyOrderElementsOf(all);
        }
    }
}
