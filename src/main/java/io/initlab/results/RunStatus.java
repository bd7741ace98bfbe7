package io.initlab.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a run ended, written as {@code ok}, {@code diverged} or {@code failed} in runs.csv and run files. */
public enum RunStatus {
    /** Trained to the end with finite losses. */
    OK,
    /** The training loss became NaN or infinite; the run stopped there. */
    DIVERGED,
    /** The run stopped with an error (an exception, not a divergence). */
    FAILED;

    /** The text in the result files. */
    @JsonValue
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a status cell: "failed" or "error" → FAILED, "diverged" → DIVERGED, anything else (blank too) → OK. */
    @JsonCreator
    public static RunStatus parse(String s) {
        return switch (s == null ? "" : s.strip().toLowerCase(Locale.ROOT)) {
            case "diverged" -> DIVERGED;
            case "failed", "error" -> FAILED;
            default -> OK;
        };
    }

    @Override
    public String toString() {
        return text();
    }
}
