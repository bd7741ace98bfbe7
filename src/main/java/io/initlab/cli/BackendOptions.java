package io.initlab.cli;

import picocli.CommandLine.Option;

/** --backend and --device, as train, run and bench take them. */
final class BackendOptions {
    @Option(names = "--backend", defaultValue = "auto",
            description = "auto | jvm | tornado (default: ${DEFAULT-VALUE}: tornado when started by TornadoVM, else jvm)")
    String backend;

    @Option(names = "--device", description = "TornadoVM device as BACKEND:DEVICE indices, see 'initlab devices' (default: TornadoVM's)")
    String device;
}
