package io.initlab.cli;

import io.initlab.backend.DeviceTools;
import picocli.CommandLine.Command;

/** Lists the TornadoVM devices, as --device takes them. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = {"List the TornadoVM devices as BACKEND:DEVICE (the --device of train, run and kernels).",
                "Needs TornadoVM: tornado -jar target/initlab.jar devices (build with ./mvnw -Ptornado package)."})
final class DevicesCommand implements Runnable {
    @Override
    public void run() {
        for (String line : DeviceTools.load().devices()) {
            System.out.println(line);
        }
    }
}
