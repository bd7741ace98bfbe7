package io.initlab.study;

import io.initlab.init.Framework;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * One run of a study: a variant, a seed and a fold (-1 without folds). Its id names its result file;
 * its config hash covers every setting that changes its numbers, so a finished run is reused only when
 * nothing that matters changed.
 */
public record RunSpec(Study.Variant variant, long seed, int fold, String runId, String configHash) {

    /** Variants × seeds × folds, in that nesting (the order of the config). */
    public static List<RunSpec> expand(Study s) {
        List<RunSpec> out = new ArrayList<>();
        for (Study.Variant v : s.variants()) {
            for (long seed : s.seeds()) {
                int folds = Math.max(1, s.folds());
                for (int f = 0; f < folds; f++) {
                    int fold = s.folds() > 0 ? f : -1;
                    String id = slug(v.label()) + "-" + hash(v.label()).substring(0, 4) + "-s" + seed + (fold >= 0 ? "-f" + fold : "");
                    out.add(new RunSpec(v, seed, fold, id, hash(canonical(s, v, seed, fold)).substring(0, 12)));
                }
            }
        }
        return out;
    }

    /**
     * Everything that determines a run's numbers, as text. Left out on purpose: name, title, description,
     * source, labels, comparisons, first_batches and expected (they change the report, not a run), and the
     * backend and thread count (not study settings). The model is described at 28 × 28 pixels and 10 classes,
     * the shape of every known dataset; the dataset's name is part of the text, so another shape changes it.
     * The framework (whose defaults fill unnamed layers' initializers and optimizer settings) counts when set.
     * StudyHashTest checks that every setting is classified and that committed studies keep their hashes.
     */
    static String canonical(Study s, Study.Variant v, long seed, int fold) {
        return String.join("|", "dataset=" + datasetIdentity(s), "limit=" + s.limit(),
                "model=" + s.model().build(28, 28, v.activation(), 10).describe(), "optimizer=" + s.optimizer().canonical(),
                "batch=" + s.batch(), "epochs=" + s.epochs(), "validation=" + s.validation(), "folds=" + s.folds(),
                "init=" + v.init(), "bias=" + v.bias(), "seed=" + seed, "fold=" + fold, "drop_last=" + s.dropLast(),
                "dropout_accuracy=" + s.dropoutAccuracy(), "probe_rows=" + s.probeRows(), "batch_log=" + s.batchLog(),
                "test=" + s.test()) + frameworkPart(s) + trainingPart(s);
    }

    /**
     * A named data set's identity ({@link io.initlab.data.Datasets#identity}, unchanged for studies written before
     * tables), or a study's own table's: its contents' sha256 and how it is read ({@link CsvSource#identity}).
     */
    private static String datasetIdentity(Study s) {
        return s.csv() != null ? s.csv().identity() : io.initlab.data.Datasets.identity(s.dataset());
    }

    /**
     * "|loss=mse" for a loss other than softmax cross-entropy and "|early_stopping=…" when set; nothing for
     * today's defaults, so studies written before these keys keep their hashes. ({@code validation: {split: test}}
     * is a new validation value, already in the text.)
     */
    private static String trainingPart(Study s) {
        String loss = s.loss().name().equals(Defaults.LOSS) ? "" : "|loss=" + s.loss().name();
        return loss + (s.earlyStopping() == null ? "" : "|early_stopping=" + s.earlyStopping());
    }

    /** "|framework=keras" with a framework; nothing without one, so studies written before it keep their hashes. */
    private static String frameworkPart(Study s) {
        return s.framework() == Framework.NONE ? "" : "|framework=" + s.framework().label();
    }

    static String slug(String label) {
        String s = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return s.isEmpty() ? "run" : s.length() > 40 ? s.substring(0, 40) : s;
    }

    static String hash(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
