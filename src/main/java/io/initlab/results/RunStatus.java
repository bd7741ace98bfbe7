package io.initlab.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a run ended, written as {@code ok}, {@code diverged}, {@code failed} or {@code not_run} in runs.csv and
 * run files.
 */
public enum RunStatus {
    /** Trained to the end with finite losses. */
    OK,
    /** The training loss became NaN or infinite; the run stopped there. */
    DIVERGED,
    /** The run stopped with an error (an exception, not a divergence). */
    FAILED,
    /**
     * Never started: its data set could not be loaded where the study ran ({@code initlab run --record-missing-data});
     * the record's error says why. A later run of the study where the data exists trains it.
     */
    NOT_RUN;

    /** The text in the result files. */
    @JsonValue
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the run trained (to the end, or until it diverged): a result the study keeps and reuses. */
    public boolean trained() {
        return this == OK || this == DIVERGED;
    }

    /**
     * Reads a status cell: "ok" or an empty cell (a table that leaves it blank on some rows) → OK, "diverged" →
     * DIVERGED, "failed" or "error" → FAILED, "not_run" (or "not run") → NOT_RUN. Any other text is refused, so that
     * no unknown status (say, one a newer initlab wrote) is ever read as a trained run.
     *
     * @throws IllegalArgumentException for unknown text
     */
    @JsonCreator
    public static RunStatus parse(String s) {
        return switch (s == null ? "" : s.strip().toLowerCase(Locale.ROOT)) {
            case "ok", "" -> OK;
            case "diverged" -> DIVERGED;
            case "failed", "error" -> FAILED;
            case "not_run", "not run" -> NOT_RUN;
            default -> throw new IllegalArgumentException("unknown run status '" + s + "'; known: ok, diverged, failed, not_run");
        };
    }

    @Override
    public String toString() {
        return text();
    }
}
