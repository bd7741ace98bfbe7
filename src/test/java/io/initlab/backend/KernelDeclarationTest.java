package io.initlab.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An operation is declared in three places: its one-index body in {@code kernels/}, its {@link Ops} method
 * (reference loop and {@link Kernel} annotation), and its TornadoVM wrapper in {@code src/tornado}, which the
 * default build does not compile (TornadoVM's jars are not in the Maven registry). This test, in the default
 * build, reads the wrappers as text and fails when one is missing or disagrees with its Ops method, when a
 * kernel body has no wrapper, or when a kernel has no catalog shapes.
 */
class KernelDeclarationTest {

    static final Path WRAPPERS = Path.of("src/tornado/java/io/initlab/backend/tornado/TornadoKernels.java");

    /** One public static method of TornadoKernels, as text. */
    record Wrapper(String name, List<String> parameters, String loopBound, String body) {}

    static Map<String, Wrapper> parse(String source) {
        Map<String, Wrapper> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("public static void (\\w+)\\(([^)]*)\\)\\s*\\{").matcher(source);
        while (m.find()) {
            String name = m.group(1);
            List<String> params = Stream.of(m.group(2).split(",")).map(p -> p.trim().replaceAll("\\s+", " "))
                    .filter(p -> !p.isEmpty()).toList();
            int end = source.indexOf("\n    }\n", m.end());
            String body = source.substring(m.end(), end < 0 ? source.length() : end);
            Matcher loop = Pattern.compile("for \\(@Parallel int \\w+ = 0; \\w+ < ([^;]+);").matcher(body);
            String bound = loop.find() ? loop.group(1).replaceAll("\\s+", "") : null;
            if (out.put(name, new Wrapper(name, params, bound, body)) != null) {
                out.put(name, new Wrapper(name, List.of("(declared twice)"), null, body));
            }
        }
        return out;
    }

    /** Everything wrong with these TornadoKernels sources, one line each; empty when all is declared. */
    static List<String> problems(String source) throws Exception {
        Map<String, Wrapper> wrappers = parse(source);
        List<String> out = new ArrayList<>();
        for (KernelInfo k : KernelInfo.all()) {
            Wrapper w = wrappers.get(k.name());
            List<String> params = new ArrayList<>();
            for (int i = 0; i < k.parameterNames().size(); i++) {
                params.add(k.parameterTypes().get(i).getSimpleName() + " " + k.parameterNames().get(i));
            }
            if (w == null) {
                out.add("Ops." + k.name() + " has no TornadoKernels." + k.name() + " wrapper");
                continue;
            }
            if (!w.parameters().equals(params)) {
                out.add("TornadoKernels." + k.name() + w.parameters() + " does not match Ops." + k.name() + params);
            }
            String work = k.annotation().work().replaceAll("\\s+", "");
            if (!work.equals(w.loopBound())) {
                out.add("TornadoKernels." + k.name() + " loops to " + w.loopBound() + ", Ops." + k.name() + "'s work is "
                        + work);
            }
        }
        for (String body : kernelBodies()) {
            if (wrappers.values().stream().noneMatch(w -> w.body().contains(body + "("))) {
                out.add("kernel body " + body + " is called by no TornadoKernels wrapper");
            }
        }
        return out;
    }

    /** "Class.method" of every one-index body: a public static void method of io.initlab.kernels whose first parameter is the int index. */
    static Set<String> kernelBodies() throws Exception {
        Set<String> out = new TreeSet<>();
        for (Class<?> c : kernelClasses()) {
            for (Method m : c.getDeclaredMethods()) {
                int mod = m.getModifiers();
                if (Modifier.isPublic(mod) && Modifier.isStatic(mod) && m.getReturnType() == void.class
                        && m.getParameterCount() > 0 && m.getParameterTypes()[0] == int.class) {
                    out.add(c.getSimpleName() + "." + m.getName());
                }
            }
        }
        return out;
    }

    static List<Class<?>> kernelClasses() throws URISyntaxException, IOException, ClassNotFoundException {
        Path dir = Path.of(io.initlab.kernels.Philox.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("io/initlab/kernels");
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                String f = p.getFileName().toString();
                if (f.endsWith(".class") && !f.contains("$") && !f.equals("package-info.class")) {
                    out.add(Class.forName("io.initlab.kernels." + f.substring(0, f.length() - 6)));
                }
            }
        }
        return out;
    }

    @Test
    void everyKernelHasItsTornadoWrapper() throws Exception {
        String source = Files.readString(WRAPPERS);
        assertThat(kernelBodies()).as("the scan finds the bodies").contains("Gemm.nn", "Pool.maxBackward",
                "TensorStats.partialSums").hasSizeGreaterThan(20);
        assertThat(problems(source)).isEmpty();
    }

    @Test
    void theCheckCatchesAMissingOrWrongWrapper() throws Exception {
        String source = Files.readString(WRAPPERS);
        // drop the gemmTN wrapper
        String noGemmTN = source.replaceFirst("public static void gemmTN\\(", "public static void gemmTx(");
        assertThat(problems(noGemmTN)).contains("Ops.gemmTN has no TornadoKernels.gemmTN wrapper");
        // a parameter of another type
        String wrongParam = source.replace("sgd(float[] w, float[] g, float[] v, int n, float[] hp)",
                "sgd(float[] w, float[] g, float[] v, float n, float[] hp)");
        assertThat(wrongParam).isNotEqualTo(source);
        assertThat(problems(wrongParam)).anyMatch(p -> p.startsWith("TornadoKernels.sgd[") && p.contains("does not match"));
        // a body nobody calls, a loop over the wrong range
        String noBody = source.replace("Pool.maxBackward(", "Pool.maxForward(");
        assertThat(problems(noBody)).contains("kernel body Pool.maxBackward is called by no TornadoKernels wrapper");
        String shortLoop = source.replace("i < rows * cols; i++) {\n            Activations.biasForward",
                "i < rows; i++) {\n            Activations.biasForward");
        assertThat(shortLoop).isNotEqualTo(source);
        assertThat(problems(shortLoop)).contains("TornadoKernels.biasActivation loops to rows, Ops.biasActivation's work is rows*cols");
    }

    @Test
    void everyKernelHasCatalogShapesThatFitItsBody() {
        List<KernelCatalog.Case> cases = KernelCatalog.all(3);
        Set<String> catalogued = cases.stream().map(c -> c.kernel().name()).collect(Collectors.toSet());
        Set<String> ops = Stream.of(Ops.class.getMethods()).map(Method::getName).collect(Collectors.toSet());
        assertThat(catalogued).isEqualTo(ops);
        Ops reference = new Ops() {};
        for (KernelCatalog.Case c : cases) {
            assertThat(c.bytes()).as(c.kernel().name() + " bytes").isPositive();
            c.runOn(reference); // an array shorter than the body reads or writes throws here
            long written = 0;
            for (Object w : c.kernel().writes(c.args())) {
                written += w instanceof float[] f ? f.length : ((int[]) w).length;
            }
            assertThat(written).as(c.kernel().name() + " writes something").isPositive();
        }
    }

    @Test
    void annotationsAreReadAsDeclared() {
        KernelInfo gemm = KernelInfo.all().stream().filter(k -> k.name().equals("gemmTN")).findFirst().orElseThrow();
        float[] a = new float[6];
        float[] b = new float[6];
        float[] c = new float[4];
        Object[] args = {a, b, c, 2, 2, 3};
        assertThat(gemm.work(args)).isEqualTo(4);
        assertThat(gemm.writes(args)).containsExactly(c);
        assertThat(gemm.flops(args)).isEqualTo(2 * 2 * 2 * 3);
        assertThat(gemm.bytes(args)).isEqualTo(4 * (2 * 3 + 3 * 2 + 2 * 2));
        assertThat(gemm.size(0, args)).isEqualTo(6);
        assertThat(gemm.evaluate("(m+n)*k-1/2", args)).isEqualTo(12);
    }
}
