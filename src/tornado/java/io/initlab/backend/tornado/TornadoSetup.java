package io.initlab.backend.tornado;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import uk.ac.manchester.tornado.api.TornadoBackend;
import uk.ac.manchester.tornado.api.TornadoRuntime;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.runtime.TornadoRuntimeProvider;

/** What every entry point of the TornadoVM backend does first: no silent bailouts, and device lookup. */
final class TornadoSetup {
    private TornadoSetup() {}

    static final String BAILOUT = "tornado.recover.bailout";

    /**
     * TornadoVM's code generation defaults trade accuracy for speed: OpenCL programs are built with
     * {@code -cl-mad-enable -cl-fast-relaxed-math} (which also lets the compiler assume there are no NaNs or
     * infinities, and initlab detects divergence by them), a·b + c is fused into fma, and Math.sqrt becomes
     * {@code native_sqrt} (single-precision accuracy even for doubles on PoCL). initlab compares initializations
     * and wants the JVM's numbers, so unless the user set them, these are turned off.
     */
    static final String[][] PRECISE = {
            {"tornado.opencl.compiler.flags", "-w"},
            {"tornado.enable.fma", "False"},
            {"tornado.enable.nativeFunctions", "False"},
            {"tornado.enable.mathOptimizations", "False"},
    };

    /**
     * Call before the first TornadoVM call (TornadoVM reads its options once, when its runtime starts).
     * TornadoVM's default, when a kernel cannot be compiled, is to print "[Bailout]" and run the Java code
     * sequentially on the host: results look right but nothing ran on the device. initlab wants the error:
     * sets -Dtornado.recover.bailout=False when absent and refuses an explicit True. Also sets the precise-math
     * options of {@link #PRECISE} when absent.
     */
    static void noBailout() {
        String v = System.getProperty(BAILOUT);
        if (v == null) {
            System.setProperty(BAILOUT, "False");
        } else if (!v.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("initlab runs TornadoVM with -D" + BAILOUT + "=False (a kernel that "
                    + "does not compile must be an error, not a silent run on the host); remove -D" + BAILOUT + "=" + v);
        }
        for (String[] kv : PRECISE) {
            if (System.getProperty(kv[0]) == null) {
                System.setProperty(kv[0], kv[1]);
            }
        }
        Boolean effective = recoverBailout();
        if (effective != null && effective) {
            throw new IllegalStateException("TornadoVM started with bailouts enabled before initlab could turn them off; "
                    + "start it with --jvm=\"-D" + BAILOUT + "=False\"");
        }
    }

    /** TornadoVM's effective code-generation settings, for logs and tests: "fma=false nativeFunctions=false ...". */
    static String mathSettings() {
        StringBuilder s = new StringBuilder();
        for (String[] f : new String[][] {{"ENABLE_FMA", "fma"}, {"ENABLE_NATIVE_FUNCTION", "nativeFunctions"},
                {"MATH_OPTIMIZATIONS", "mathOptimizations"}, {"DEFAULT_OPENCL_COMPILER_FLAGS", "openclFlags"}}) {
            Object value = option(f[0]);
            s.append(s.isEmpty() ? "" : " ").append(f[1]).append('=').append(value);
        }
        return s.toString();
    }

    static Object option(String field) {
        try {
            return Class.forName("uk.ac.manchester.tornado.runtime.common.TornadoOptions").getField(field).get(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** TornadoVM's effective setting (TornadoOptions.RECOVER_BAILOUT), or null when it cannot be read. */
    static Boolean recoverBailout() {
        return option("RECOVER_BAILOUT") instanceof Boolean b ? b : null;
    }

    static TornadoRuntime runtime() {
        return TornadoRuntimeProvider.getTornadoRuntime();
    }

    /** "B:D name (type)" for every device. */
    static List<String> deviceLines() {
        TornadoRuntime rt = runtime();
        List<String> lines = new ArrayList<>();
        for (int b = 0; b < rt.getNumBackends(); b++) {
            TornadoBackend be = rt.getBackend(b);
            for (int d = 0; d < be.getNumDevices(); d++) {
                TornadoDevice dev = be.getDevice(d);
                lines.add(b + ":" + d + " " + describe(dev));
            }
        }
        return lines;
    }

    /** "opencl pthread-skylake-avx512-Intel(R) Xeon(R) Processor (CPU)". */
    static String describe(TornadoDevice dev) {
        String backend = String.valueOf(dev.getTornadoVMBackend()).toLowerCase(Locale.ROOT);
        return backend + " " + dev.getPhysicalDevice().getDeviceName().trim() + " (" + dev.getDeviceType() + ")";
    }

    /** The device "B:D" names, or TornadoVM's default device for null; a one-line error listing the devices otherwise. */
    static TornadoDevice device(String spec) {
        TornadoRuntime rt = runtime();
        if (spec == null || spec.isBlank()) {
            return rt.getDefaultDevice();
        }
        String[] parts = spec.trim().split(":");
        int b = -1;
        int d = -1;
        if (parts.length == 2) {
            try {
                b = Integer.parseInt(parts[0].trim());
                d = Integer.parseInt(parts[1].trim());
            } catch (NumberFormatException e) {
                b = -1;
            }
        }
        if (b < 0 || b >= rt.getNumBackends() || d < 0 || d >= rt.getBackend(b).getNumDevices()) {
            throw new IllegalArgumentException("no TornadoVM device '" + spec + "' (write BACKEND:DEVICE); devices: "
                    + String.join("; ", deviceLines()));
        }
        return rt.getBackend(b).getDevice(d);
    }

    /** "B:D" of a device. */
    static String indices(TornadoDevice dev) {
        TornadoRuntime rt = runtime();
        for (int b = 0; b < rt.getNumBackends(); b++) {
            TornadoBackend be = rt.getBackend(b);
            for (int d = 0; d < be.getNumDevices(); d++) {
                TornadoDevice x = be.getDevice(d);
                if (x == dev || (x.getDeviceName().equals(dev.getDeviceName()) && x.getBackendIndex() == dev.getBackendIndex())) {
                    return b + ":" + d;
                }
            }
        }
        return "?";
    }
}
