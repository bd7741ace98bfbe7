package io.initlab.backend;

import java.nio.file.Path;
import java.util.List;

/**
 * Device-side tools of the TornadoVM backend (listing devices, dumping generated kernels, timing kernels),
 * reached through this interface because the implementation is compiled only in the tornado profile.
 */
public interface DeviceTools {
    String CLASS = "io.initlab.backend.tornado.TornadoTools";

    /** One line per device: "BACKEND:DEVICE name (type)". */
    List<String> devices();

    /** Compiles every kernel for the device and writes its generated source (OpenCL C, PTX) under dir. */
    List<Path> dumpKernels(Path dir, String device);

    /** Times every kernel on the device at the seed MLP's shapes. */
    List<KernelTiming> benchKernels(String device, int repeats);

    /** One kernel's timing: median milliseconds per launch and its throughput. */
    record KernelTiming(String kernel, String shape, double millis, double gflops, double gigabytesPerSecond) {}

    /** The tools, when this process runs under TornadoVM with the tornado build; otherwise a one-line error. */
    static DeviceTools load() {
        if (!Backends.launchedByTornado()) {
            throw new IllegalArgumentException("this needs TornadoVM: start initlab with TornadoVM's launcher "
                    + "(tornado -jar target/initlab.jar ...) from a build with -Ptornado; see README");
        }
        try {
            return (DeviceTools) Class.forName(CLASS).getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("this initlab was built without TornadoVM support: rebuild with "
                    + "./mvnw -Ptornado package (see README)");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("TornadoVM tools failed to start: " + e, e);
        }
    }
}
