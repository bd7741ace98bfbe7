package io.initlab.cli;

import io.initlab.backend.DeviceTools;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes the device code TornadoVM generates for every kernel. */
@Command(name = "kernels", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compile every kernel for a TornadoVM device and write the generated source, one file per kernel",
                "(OpenCL C: DIR/<kernel>.cl; PTX: .ptx). Sizes are those of the seed MLP and the Keras CNN:",
                "TornadoVM specialises scalar arguments, so they appear as constants.",
                "Needs TornadoVM: tornado -jar target/initlab.jar kernels --dump DIR."})
final class KernelsCommand implements Callable<Integer> {

    @Option(names = "--dump", required = true, paramLabel = "DIR", description = "folder for the kernel sources (created)")
    Path dir;

    @Option(names = "--device", description = "TornadoVM device BACKEND:DEVICE, see 'initlab devices' (default: TornadoVM's)")
    String device;

    @Override
    public Integer call() {
        List<Path> files = DeviceTools.load().dumpKernels(dir, device);
        for (Path f : files) {
            System.out.println(f);
        }
        System.err.println("initlab: " + files.size() + " kernels written to " + dir);
        return 0;
    }
}
