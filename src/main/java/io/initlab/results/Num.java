package io.initlab.results;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** Parsing and formatting of the numbers in initlab's CSV files; missing values are {@code NaN} / "". */
public final class Num {

    private static final MathContext SIX = new MathContext(6, RoundingMode.HALF_EVEN);

    private Num() {}

    /**
     * Parses a CSV cell: "" (or null) → NaN; "NaN"/"nan"; "inf"/"Infinity"/"-inf" in any case; otherwise
     * {@link Double#parseDouble}. A cell that is not a number at all also reads as NaN.
     */
    public static double parse(String s) {
        if (s == null) return Double.NaN;
        String t = s.strip();
        if (t.isEmpty()) return Double.NaN;
        String l = t.toLowerCase(Locale.ROOT);
        switch (l) {
            case "nan", "-nan", "+nan", "na", "null", "none" -> { return Double.NaN; }
            case "inf", "+inf", "infinity", "+infinity" -> { return Double.POSITIVE_INFINITY; }
            case "-inf", "-infinity" -> { return Double.NEGATIVE_INFINITY; }
            default -> { }
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Parses an integer cell ("3", "3.0", "-1"); missing or unparsable → {@code dflt}. */
    public static long parseLong(String s, long dflt) {
        try {
            return Long.parseLong(s.strip()); // exact, also beyond 2^53
        } catch (NumberFormatException | NullPointerException notAWholeNumber) {
            // "3.0", "", "nan": through parse
        }
        double d = parse(s);
        if (!Double.isFinite(d)) return dflt;
        return Math.round(d);
    }

    /**
     * Formats a number for a CSV file: "" when not finite, else rounded to 6 significant digits with
     * trailing zeros dropped ("0.978333", "12", "1.23457E-7"). Plain notation for 1e-4 ≤ |x| < 1e9,
     * otherwise Java's scientific form (which every CSV reader parses).
     */
    public static String fmt(double x) {
        if (!Double.isFinite(x)) return "";
        if (x == 0) return "0";
        BigDecimal bd = new BigDecimal(x).round(SIX).stripTrailingZeros();
        double ax = Math.abs(x);
        return (ax >= 1e-4 && ax < 1e9) ? bd.toPlainString() : bd.toString();
    }

    /**
     * Formats a measured number for the tables the study runner writes (runs, batches, layers, init_hist):
     * {@code %.7g}, enough digits to recompute statistics; "" for NaN (not measured or diverged), "inf" and
     * "-inf" for infinities.
     */
    public static String fmt7(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%.7g", v);
    }

    /** Formats with a fixed number of decimals for display ("" when not finite). */
    public static String fixed(double x, int decimals) {
        if (!Double.isFinite(x)) return "";
        return String.format(Locale.ROOT, "%." + decimals + "f", x);
    }
}
