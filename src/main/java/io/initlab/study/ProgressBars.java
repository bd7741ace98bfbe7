package io.initlab.study;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The one look of initlab's progress bars (train and run): ASCII, counting batches, on the given stream. */
public final class ProgressBars {
    private ProgressBars() {}

    public static ProgressBar batches(String task, long totalBatches, PrintStream out) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(totalBatches).setStyle(ProgressBarStyle.ASCII)
                .setUnit(" batches", 1).continuousUpdate().setConsumer(new ConsoleProgressBarConsumer(out)).build();
    }
}
