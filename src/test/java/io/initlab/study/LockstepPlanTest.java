package io.initlab.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.initlab.backend.Backend;
import io.initlab.data.Datasets;
import io.initlab.data.DatasetPair;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which runs of a study train together on a device, and how many per group. */
class LockstepPlanTest {
    @TempDir
    static Path tmp;
    static Path data;

    static final String YAML = """
            name: plan
            dataset: mnist
            limit: 1000
            model: {hidden: [32], activation: relu}
            optimizer: adam
            lr: 0.001
            batch: 50
            epochs: 1
            validation: {split: random, fraction: 0.2}
            seeds: 1..3
            initializers: [zeros, xavier_normal, he_normal]
            """;

    @BeforeAll
    static void setUp() throws IOException {
        data = SyntheticMnist.write(tmp.resolve("data"), 1000, 200);
    }

    private static Study study(String yaml) throws IOException {
        Path f = Files.createTempFile(tmp, "study", ".yaml");
        Files.writeString(f, yaml);
        return StudyLoader.load(f);
    }

    private static List<Integer> sizes(List<LockstepPlan.Unit> units) {
        return units.stream().map(u -> u.runs().size()).toList();
    }

    private static List<LockstepPlan.Unit> plan(String yaml, int perDevice, Backend.DeviceMemory memory) throws IOException {
        Study s = study(yaml);
        DatasetPair d = Datasets.load("mnist", data);
        return LockstepPlan.plan(s, RunSpec.expand(s), d.train(), d.test(), perDevice, memory);
    }

    private static final Backend.DeviceMemory GIB = new Backend.DeviceMemory(1L << 30, 1L << 28);

    @Test
    void runsOfOneShapeAreCutIntoNearEqualGroups() throws IOException {
        assertThat(sizes(plan(YAML, 4, GIB))).containsExactly(3, 3, 3); // 9 runs, at most 4: 3 groups of 3
        assertThat(sizes(plan(YAML, 100, GIB))).containsExactly(9);
        assertThat(sizes(plan(YAML, 1, GIB))).containsOnly(1).hasSize(9);
        List<LockstepPlan.Unit> units = plan(YAML, 5, GIB);
        assertThat(sizes(units)).containsExactly(5, 4);
        assertThat(units.stream().flatMap(u -> u.runs().stream()).map(RunSpec::runId).distinct()).hasSize(9);
    }

    @Test
    void automaticSizeComesFromTheDeviceMemory() throws IOException {
        Study s = study(YAML);
        DatasetPair d = Datasets.load("mnist", data);
        RunExecutor.Prepared p = RunExecutor.prepare(s, RunSpec.expand(s).get(0), d.train(), d.test());
        MemoryEstimate m = MemoryEstimate.of(p.config().model(), p.config().maxRows());
        // room for exactly 4 runs in half the memory: groups of at most 4
        Backend.DeviceMemory four = new Backend.DeviceMemory(2 * 4 * m.runBytes() + 1, 1L << 40);
        assertThat(LockstepPlan.fit(p, four, 1L << 40)).isEqualTo(4);
        assertThat(sizes(plan(YAML, LockstepPlan.AUTO, four))).containsExactly(3, 3, 3);
        // the longest allocation allows 2 copies of the longest array
        Backend.DeviceMemory narrow = new Backend.DeviceMemory(1L << 40, 2 * 4 * m.largestArray());
        assertThat(LockstepPlan.fit(p, narrow, 1L << 40)).isEqualTo(2);
        // half the heap holds 3 runs
        assertThat(LockstepPlan.fit(p, new Backend.DeviceMemory(1L << 40, 1L << 40), 2 * 3 * m.runBytes() + 1)).isEqualTo(3);
        assertThat(LockstepPlan.fit(p, new Backend.DeviceMemory(1, 1))).isEqualTo(1);
    }

    @Test
    void runsThatCannotShareAProgramTrainAlone() throws IOException {
        String conv = YAML.replace("model: {hidden: [32], activation: relu}",
                "model: {layers: [\"conv 4 3x3 relu\", \"flatten\", \"dense 10\"]}");
        assertThat(sizes(plan(conv, 4, GIB))).containsOnly(1).hasSize(9);
        String dropout = YAML.replace("model: {hidden: [32], activation: relu}",
                "model: {hidden: [32], activation: relu, dropout: 0.5}");
        assertThat(sizes(plan(dropout, 4, GIB))).as("dropout: each run's masks from its seed").containsExactly(3, 3, 3);
        String activations = YAML.replace("initializers: [zeros, xavier_normal, he_normal]",
                "initializers: [zeros, xavier_normal, he_normal]\nactivations: [relu, tanh]");
        assertThat(sizes(plan(activations, 100, GIB))).containsExactly(9, 9); // two models: two groups
    }

    @Test
    void theJvmBackendRefusesLockstepGroups() throws IOException {
        Study s = study(YAML);
        assertThatThrownBy(() -> StudyRunner.run(s, new StudyRunner.Options(tmp.resolve("out"), 1, 1, "jvm", null, data,
                false, false, new PrintStream(PrintStream.nullOutputStream()), null, false, 4)))
                .hasMessageContaining("--runs-per-device 4 trains runs together on a device");
    }
}
