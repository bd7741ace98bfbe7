package io.initlab.study;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The line of every key and list element of a YAML document, by path ({@code model.hidden[1]}), so
 * that checks made after parsing can still point at the line to fix; and the first key given twice in
 * one mapping, which a YAML tree silently resolves to its last value.
 */
final class YamlLocations {
    private final Map<String, Integer> lines = new HashMap<>();
    private Duplicate duplicate;

    /** A key given a second time in the same mapping: its path and both lines. */
    record Duplicate(String path, int line, int firstLine) {}

    private YamlLocations() {}

    static YamlLocations of(String yaml) {
        YamlLocations loc = new YamlLocations();
        try (JsonParser p = new YAMLFactory().createParser(yaml)) {
            Deque<String> path = new ArrayDeque<>();
            Deque<int[]> indices = new ArrayDeque<>(); // per open array: next index
            Deque<Boolean> inArray = new ArrayDeque<>();
            Deque<Set<String>> keysSeen = new ArrayDeque<>(); // per open mapping
            String pendingKey = null;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                int line = p.currentTokenLocation().getLineNr();
                if (t == JsonToken.FIELD_NAME) {
                    pendingKey = p.currentName();
                    String keyPath = join(path, pendingKey);
                    if (!keysSeen.peek().add(pendingKey) && loc.duplicate == null) {
                        loc.duplicate = new Duplicate(keyPath, line, loc.lines.get(keyPath));
                    }
                    loc.lines.putIfAbsent(keyPath, line);
                    continue;
                }
                String here;
                if (!inArray.isEmpty() && inArray.peek()) {
                    int i = indices.peek()[0]++;
                    here = (path.isEmpty() ? "" : path.peek()) + "[" + i + "]";
                    loc.lines.putIfAbsent(here, line);
                } else {
                    here = pendingKey == null ? (path.isEmpty() ? "" : path.peek()) : join(path, pendingKey);
                }
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    path.push(here);
                    inArray.push(t == JsonToken.START_ARRAY);
                    indices.push(new int[1]);
                    keysSeen.push(new HashSet<>());
                    pendingKey = null;
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    path.pop();
                    inArray.pop();
                    indices.pop();
                    keysSeen.pop();
                    pendingKey = null;
                } else {
                    pendingKey = null;
                }
            }
        } catch (IOException e) {
            // the real parse reports syntax errors with their location; locations are best effort
        }
        return loc;
    }

    /** The first key given twice in one mapping, at any depth, or null. */
    Duplicate duplicate() {
        return duplicate;
    }

    private static String join(Deque<String> path, String key) {
        String parent = path.isEmpty() ? "" : path.peek();
        return parent.isEmpty() ? key : parent + "." + key;
    }

    /** The line of path, or of its nearest enclosing key; 0 when unknown. */
    int line(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Integer l = lines.get(p);
            if (l != null) {
                return l;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        return 0;
    }
}
