package io.initlab.study;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a study's runs into N shards that separate processes (Slurm array tasks, Kubernetes indexed
 * pods, {@code xargs -P} workers) run without talking to each other: each computes the whole partition
 * from the same run list and keeps its own part, so the partition must be a pure function of the runs.
 *
 * <p>The rule is longest-processing-time-first (LPT): runs are taken in order of estimated cost, largest
 * first, and each goes to the shard with the least cost so far. Ties are broken so that nothing depends
 * on the order of the input list: equal costs go by run id (ids are unique), equal loads go to the lower
 * shard. A shard's makespan is then at most (4/3 - 1/(3N)) times the best possible (Graham, 1969), and with
 * equal costs the shards' run counts differ by at most one. Costs are estimates in any unit; only their
 * ratios matter.
 *
 * <p>Shards are numbered from 1, written {@code I/N} (shard 2 of 4 is {@code 2/4}), like the folders
 * {@code DIR_1 … DIR_N} they may write into. A Slurm array {@code --array=1-N} passes
 * {@code $SLURM_ARRAY_TASK_ID/N}; a 0-based index such as Kubernetes' {@code JOB_COMPLETION_INDEX} passes
 * {@code $((JOB_COMPLETION_INDEX + 1))/N}. With more shards than runs, the extra shards are empty.
 */
public final class Sharding {

    private Sharding() {}

    /** One run of the partition's input: its id and its estimated cost (finite, not negative). */
    public record Run(String id, double cost) {
        public Run {
            if (id == null || id.isEmpty()) throw new IllegalArgumentException("a run to shard has no id");
            if (!Double.isFinite(cost) || cost < 0) {
                throw new IllegalArgumentException("run " + id + " has cost " + cost + "; costs must be finite and >= 0");
            }
            cost += 0.0;  // -0.0 becomes 0.0, so the two never sort apart
        }
    }

    /** Shard {@code index} of {@code count}, 1 <= index <= count. */
    public record Shard(int index, int count) {
        private static final Pattern FORM = Pattern.compile("([0-9]{1,9})/([0-9]{1,9})");

        public Shard {
            if (count < 1 || index < 1 || index > count) {
                throw new IllegalArgumentException("shard " + index + "/" + count
                        + " does not exist: shards are I/N with 1 <= I <= N, e.g. 2/4");
            }
        }

        /** Parses {@code I/N}, e.g. {@code 2/4}; anything else is one clear line. */
        public static Shard parse(String text) {
            Matcher m = FORM.matcher(text == null ? "" : text.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("shard '" + text + "' is not I/N: give shard I of N as e.g. 2/4 (1 <= I <= N, numbered from 1)");
            }
            return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }

        @Override
        public String toString() {
            return index + "/" + count;
        }
    }

    /**
     * The ids of the runs in {@code shard}, in the order they have in {@code runs} (the study's order).
     * Every run lies in exactly one of the shards 1..N.
     */
    public static List<String> runsOf(List<Run> runs, Shard shard) {
        return partition(runs, shard.count()).get(shard.index() - 1);
    }

    /**
     * All {@code count} shards (element i is shard i+1), each listing its run ids in the order of
     * {@code runs}. Which runs a shard gets does not depend on the order of {@code runs}.
     */
    public static List<List<String>> partition(List<Run> runs, int count) {
        if (count < 1) throw new IllegalArgumentException("cannot split runs into " + count + " shards; need at least 1");
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            if (position.putIfAbsent(runs.get(i).id(), i) != null) {
                throw new IllegalArgumentException("run id " + runs.get(i).id() + " appears twice in the list to shard");
            }
        }
        List<Run> byCost = new ArrayList<>(runs);
        byCost.sort(Comparator.comparingDouble(Run::cost).reversed().thenComparing(Run::id));

        double[] load = new double[count];
        int[] shardOf = new int[runs.size()];
        for (Run run : byCost) {
            int least = 0;
            for (int s = 1; s < count; s++) {
                if (load[s] < load[least]) least = s;  // strict: an equal load keeps the lower shard
            }
            load[least] += run.cost();
            shardOf[position.get(run.id())] = least;
        }

        List<List<String>> shards = new ArrayList<>(count);
        for (int s = 0; s < count; s++) shards.add(new ArrayList<>());
        for (int i = 0; i < runs.size(); i++) shards.get(shardOf[i]).add(runs.get(i).id());
        return shards;
    }
}
