package io.initlab.study;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of a study's runs each shard runs: {@link Sharding}'s LPT partition of {@link RunSpec#expand} by an
 * estimated cost of epochs × training rows × model parameters. Every shard, {@code status} and
 * {@code merge} compute it from the study file alone (no data is read), so they all agree.
 *
 * <p>Training rows are the study's {@code limit}, or a nominal {@value #NOMINAL_ROWS} without one, less the
 * run's validation rows or fold: only ratios between runs matter, and the runs of one study share a dataset.
 */
public final class ShardPlan {
    static final int NOMINAL_ROWS = 60_000;

    private ShardPlan() {}

    /** The runs of shard I/N, in study order. */
    public static List<RunSpec> runsOf(Study s, Sharding.Shard shard) {
        return partition(s, shard.count()).get(shard.index() - 1);
    }

    /** Element i holds the runs of shard i+1, each list in study order. */
    public static List<List<RunSpec>> partition(Study s, int count) {
        List<RunSpec> runs = RunSpec.expand(s);
        Map<String, RunSpec> byId = new HashMap<>();
        List<Sharding.Run> costed = new ArrayList<>();
        for (RunSpec r : runs) {
            byId.put(r.runId(), r);
            costed.add(new Sharding.Run(r.runId(), cost(s, r)));
        }
        List<List<RunSpec>> shards = new ArrayList<>();
        for (List<String> ids : Sharding.partition(costed, count)) {
            shards.add(ids.stream().map(byId::get).toList());
        }
        return shards;
    }

    /** Epochs × training rows × trainable parameters: proportional to a run's arithmetic. */
    static double cost(Study s, RunSpec r) {
        int available = s.limit() != null ? s.limit() : NOMINAL_ROWS;
        double rows = RunSplit.trainCount(s, available, r.fold());
        double parameters = MemoryEstimate.of(s.model().build(28, 28, r.variant().activation(), 10), 1).parameters();
        return (double) s.epochs() * rows * parameters;
    }
}
