package io.initlab.cli;

import io.initlab.study.StudyMerge;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Gathers shards run into separate folders into one complete results folder. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merge the results folders of a study's shards (initlab run FILE --shard I/N --out DIR_I) into",
                "one: checks they are shards of the same study (same runs and config hashes), refuses a run with",
                "different results in two folders or runs missing from all, then writes runs/, the tables and report."})
final class MergeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "the shards' results folders")
    List<Path> dirs;

    @Option(names = "--out", required = true, description = "the merged results folder (may be one of the DIRs)")
    Path out;

    @Option(names = "--no-report", description = "write the tables but not the plots and report")
    boolean noReport;

    @Override
    public Integer call() {
        StudyMerge.Outcome o = StudyMerge.merge(dirs, out, !noReport);
        System.out.printf("merged=%d runs from %d folders (%d run files, %d seen twice with the same results) results=%s%s%n",
                o.runs(), dirs.size(), o.files(), o.duplicates(), out,
                o.written().report() == null ? "" : " report=" + o.written().report().html());
        return 0;
    }
}
