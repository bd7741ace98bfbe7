package io.initlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.initlab.backend.DeviceTools.KernelTiming;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelTableTest {

    @Test
    void aKernelWithoutFlopsShowsADashNotNaN() {
        List<String> lines = KernelTable.lines(List.of(new KernelTiming("copyFloats", "n=200704", 0.125, Double.NaN, 12.84)));
        assertFalse(lines.get(1).contains("NaN"), lines.get(1));
        assertEquals(List.of("kernel      shape     ms/launch  GFLOP/s   GB/s",
                             "copyFloats  n=200704      0.125        –  12.84"), lines);
    }

    @Test
    void columnsAreAsWideAsTheirLongestEntry() {
        List<String> lines = KernelTable.lines(List.of(
                new KernelTiming("gemm", "64x256x784", 1.5, 17.125, 3.0),
                new KernelTiming("conv2dWeightGrad", "batch 64, 28x28x1 -> 26x26x32, kernel 3x3", 12.25, 0.5, 0.25)));
        assertEquals(List.of(
                "kernel            shape                                      ms/launch  GFLOP/s  GB/s",
                "gemm              64x256x784                                     1.500    17.13  3.00",
                "conv2dWeightGrad  batch 64, 28x28x1 -> 26x26x32, kernel 3x3     12.250     0.50  0.25"), lines);
        int end = lines.get(0).length();
        for (String l : lines) {
            assertEquals(end, l.length(), "every row ends in the same column: " + l);
        }
    }

    @Test
    void figuresThatDoNotApplyAreDashes() {
        assertEquals("–", KernelTable.figure(Double.NaN, 2));
        assertEquals("–", KernelTable.figure(Double.POSITIVE_INFINITY, 2));
        assertEquals("0.50", KernelTable.figure(0.5, 2));
    }
}
