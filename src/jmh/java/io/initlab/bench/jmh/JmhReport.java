package io.initlab.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a JMH JSON result file into a readable table: each benchmark's work rate in the unit its
 * counter measures (GFLOP/s, GB/s, Msamples/s) with the 99.9 % error JMH computed.
 * Usage: java -cp benchmarks.jar io.initlab.bench.jmh.JmhReport jmh.json [table.md]
 */
public final class JmhReport {
    private JmhReport() {}

    public static void main(String[] args) throws IOException {
        JsonNode runs = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        List<String> lines = new ArrayList<>();
        lines.add("| benchmark | params | rate | ± (99.9 %) | unit |");
        lines.add("|---|---|---:|---:|---|");
        for (JsonNode run : runs) {
            String name = run.get("benchmark").asText().replace("io.initlab.bench.jmh.", "");
            StringBuilder params = new StringBuilder();
            JsonNode p = run.get("params");
            if (p != null) {
                Iterator<Map.Entry<String, JsonNode>> it = p.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    params.append(params.length() == 0 ? "" : " ").append(e.getKey()).append('=').append(e.getValue().asText());
                }
            }
            JsonNode sec = run.get("secondaryMetrics");
            for (String[] unit : new String[][] {{"flop", "GFLOP/s", "1e9"}, {"bytes", "GB/s", "1e9"}, {"samples", "ksamples/s", "1e3"}}) {
                JsonNode m = sec == null ? null : sec.get(unit[0]);
                if (m == null || m.get("score").asDouble() == 0) {
                    continue;
                }
                double scale = Double.parseDouble(unit[2]);
                lines.add(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %s |", name, params, m.get("score").asDouble() / scale,
                        m.get("scoreError").asDouble() / scale, unit[1]));
            }
        }
        lines.forEach(System.out::println);
        if (args.length > 1) {
            Files.write(Path.of(args[1]), lines);
        }
    }
}
