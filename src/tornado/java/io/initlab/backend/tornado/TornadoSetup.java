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
     * TornadoVM's default, when a kernel cannot be compiled, is to print "[Bailout]" and run the Java code
     * sequentially on the host: results look right but nothing ran on the device. initlab wants the error.
     * Sets -Dtornado.recover.bailout=False when absent (TornadoVM reads it once, when its runtime starts, so
     * this must happen before the first TornadoVM call) and refuses an explicit True.
     */
    static void noBailout() {
        String v = System.getProperty(BAILOUT);
        if (v == null) {
            System.setProperty(BAILOUT, "False");
        } else if (!v.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("initlab runs TornadoVM with -D" + BAILOUT + "=False (a kernel that "
                    + "does not compile must be an error, not a silent run on the host); remove -D" + BAILOUT + "=" + v);
        }
        Boolean effective = recoverBailout();
        if (effective != null && effective) {
            throw new IllegalStateException("TornadoVM started with bailouts enabled before initlab could turn them off; "
                    + "start it with --jvm=\"-D" + BAILOUT + "=False\"");
        }
    }

    /** TornadoVM's effective setting (TornadoOptions.RECOVER_BAILOUT), or null when it cannot be read. */
    static Boolean recoverBailout() {
        try {
            Class<?> options = Class.forName("uk.ac.manchester.tornado.runtime.common.TornadoOptions");
            return options.getField("RECOVER_BAILOUT").getBoolean(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
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

    /** The deepest cause's message, one line. */
    static String rootMessage(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        String m = r.getMessage() == null ? r.getClass().getSimpleName() : r.getClass().getSimpleName() + ": " + r.getMessage();
        return m.replaceAll("\\s+", " ").trim();
    }
}
