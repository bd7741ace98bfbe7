package io.initlab.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The kernels must stay in the subset of Java TornadoVM compiles correctly. This reads their bytecode
 * (javap -c) and fails on an unsigned shift (TornadoVM 5.2's OpenCL backend compiles iushr as an
 * arithmetic shift), Math.fma (not compilable), allocation, exceptions and virtual/interface calls.
 */
class KernelSubsetTest {

    static List<Path> kernelClasses() throws URISyntaxException, java.io.IOException {
        Path dir = Path.of(Philox.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("io/initlab/kernels");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
    }

    static String disassemble(Path classFile) {
        ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out);
        int rc = javap.run(ps, ps, "-c", "-p", classFile.toString());
        ps.flush();
        assertThat(rc).as("javap on " + classFile).isZero();
        return out.toString();
    }

    @Test
    void kernelsUseOnlyTheTornadoSubset() throws Exception {
        List<Path> classes = kernelClasses();
        assertThat(classes).hasSizeGreaterThan(8);
        List<String> violations = new ArrayList<>();
        for (Path c : classes) {
            String code = disassemble(c);
            for (String line : code.split("\n")) {
                String l = line.trim();
                if (l.matches("\\d+: [il]ushr.*")) {
                    violations.add(c.getFileName() + ": unsigned shift: " + l);
                }
                if (l.contains("Math.fma")) {
                    violations.add(c.getFileName() + ": Math.fma: " + l);
                }
                if (l.matches("\\d+: (new|newarray|anewarray|athrow|invokevirtual|invokeinterface|invokedynamic|monitorenter)\\b.*")) {
                    violations.add(c.getFileName() + ": not kernel-safe: " + l);
                }
                // same-class calls print as "Method name:(...)", others as "Method owner.name:(...)"
                java.util.regex.Matcher owner = java.util.regex.Pattern.compile("// Method ([\\w/$]+)\\.").matcher(l);
                if (l.matches("\\d+: invokestatic.*") && owner.find()
                        && !owner.group(1).startsWith("io/initlab/kernels/") && !owner.group(1).equals("java/lang/Math")) {
                    violations.add(c.getFileName() + ": calls outside kernels/Math: " + l);
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theScanFindsAnUnsignedShift() throws Exception {
        // guards the guard: a class with >>> must be caught by the same pattern
        Path tmp = Files.createTempDirectory("ushr");
        Path src = tmp.resolve("U.java");
        Files.writeString(src, "class U { static int f(int x) { return x >>> 3; } }");
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
        assertThat(javac.run(System.out, System.err, "-d", tmp.toString(), src.toString())).isZero();
        assertThat(disassemble(tmp.resolve("U.class"))).containsPattern("\\d+: iushr");
    }
}
