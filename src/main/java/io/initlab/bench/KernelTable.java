package io.initlab.bench;

import io.initlab.backend.DeviceTools.KernelTiming;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The table {@code bench kernels} prints: columns as wide as their longest entry (shape labels such as a conv's
 * "64x28x28x32 k3" are long), and "–" where a figure does not apply (a copy kernel does no floating-point
 * operations, so it has a bandwidth but no GFLOP/s) instead of "NaN".
 */
public final class KernelTable {
    private KernelTable() {}

    /** What a figure that does not apply prints. */
    public static final String NONE = "–";

    private static final String[] HEADER = {"kernel", "shape", "ms/launch", "GFLOP/s", "GB/s"};

    /** The table's lines, header first. */
    public static List<String> lines(List<KernelTiming> timings) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (KernelTiming k : timings) {
            rows.add(new String[] {k.kernel(), k.shape(), figure(k.millis(), 3), figure(k.gflops(), 2),
                    figure(k.gigabytesPerSecond(), 2)});
        }
        int[] width = new int[HEADER.length];
        for (String[] r : rows) {
            for (int c = 0; c < r.length; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        List<String> out = new ArrayList<>();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < r.length; c++) {
                if (c > 0) {
                    line.append("  ");
                }
                boolean text = c < 2; // names left-aligned, figures right-aligned
                String pad = " ".repeat(width[c] - r[c].length());
                line.append(text ? r[c] + pad : pad + r[c]);
            }
            out.add(line.toString());
        }
        return out;
    }

    /** A figure with {@code decimals} decimals, or {@link #NONE} when it is not a finite number. */
    public static String figure(double value, int decimals) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : NONE;
    }
}
