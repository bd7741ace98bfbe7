package io.initlab.cli;

import io.initlab.study.StudyStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Progress of a study's shards, read from its results folder. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show a study's runs finished / running / failed / waiting per shard, from the files in its",
                "results folder alone (runs/*.json and the shards' progress files shards/I-of-N.status). Runs recorded",
                "as not run (run --record-missing-data: data not available) are counted apart, not as finished."})
final class StatusCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "a study's results folder (the --out of its shards)")
    Path dir;

    @Override
    public Integer call() {
        StudyStatus.of(dir, Instant.now()).lines().forEach(System.out::println);
        return 0;
    }
}
