package org.vigie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No package of the bot depends on itself through others: dependencies go one way (config → feed/irc → the engine,
 * command → service → the root that wires), so that each package can be read, tested and changed from its
 * dependencies up. The dependencies are read from the compiled classes' constant pools (every class a class names,
 * and every type in its field and method descriptors and generic signatures), as {@code jdeps} reads them, without a
 * tool or a network. What the compiler inlines (a {@code static final} constant) leaves no trace and is not seen.
 */
class PackageCyclesTest {

    /**
     * Cycles accepted on purpose, each as its set of packages, with the reason. Empty: none is accepted today; a new
     * entry needs a reason a reviewer can weigh.
     */
    private static final Map<Set<String>, String> ALLOWED = Map.of();

    private static final String ROOT = "org/vigie";

    @Test
    void noPackageCycle() throws IOException {
        Map<String, Map<String, String>> graph = packageGraph(classesDir());
        List<String> problems = new ArrayList<>();
        for (Set<String> cycle : cycles(graph)) {
            if (!ALLOWED.containsKey(cycle)) {
                problems.add(describe(cycle, graph));
            }
        }
        assertTrue(problems.isEmpty(), "package cycles:\n" + String.join("\n", problems));
    }

    /** The reading sees dependencies there are: a test that finds no cycle must have looked at real edges. */
    @Test
    void theGraphHoldsKnownDependencies() throws IOException {
        Map<String, Map<String, String>> graph = packageGraph(classesDir());
        assertTrue(graph.size() > 15, graph.keySet().toString());
        // a class constant (new, calls), and a type seen only in a method descriptor
        assertTrue(graph.get("org.vigie.service").containsKey("org.vigie.command"), graph.get("org.vigie.service").toString());
        assertTrue(graph.get("org.vigie").containsKey("org.vigie.feed"), graph.get("org.vigie").toString());
        assertTrue(graph.get("org.vigie.source").containsKey("org.vigie.feed"), graph.get("org.vigie.source").toString());
    }

    @Test
    void aCycleThroughThreePackagesIsFoundAndOneWayEdgesAreNot() {
        Map<String, Map<String, String>> g = new TreeMap<>();
        edge(g, "a", "b");
        edge(g, "b", "c");
        edge(g, "c", "a");
        edge(g, "c", "d");
        edge(g, "d", "e");
        edge(g, "f", "f");
        assertEquals(List.of(Set.of("a", "b", "c")), cycles(g));
    }

    private static void edge(Map<String, Map<String, String>> g, String from, String to) {
        g.computeIfAbsent(from, k -> new TreeMap<>()).put(to, from + ".X -> " + to + ".Y");
        g.computeIfAbsent(to, k -> new TreeMap<>());
    }

    private static Path classesDir() {
        try {
            Path p = Path.of(Engine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            assertTrue(Files.isDirectory(p.resolve(ROOT)), "compiled classes not found under " + p);
            return p;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Package → packages it depends on, each with one example ({@code a.B -> c.D}). Packages outside the bot's are left out. */
    static Map<String, Map<String, String>> packageGraph(Path classes) throws IOException {
        Map<String, Map<String, String>> graph = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(classes.resolve(ROOT))) {
            files = s.filter(f -> f.toString().endsWith(".class")).sorted().toList();
        }
        Set<String> packages = new TreeSet<>();
        for (Path f : files) {
            packages.add(packageOf(classes.relativize(f).toString().replace('\\', '/')));
        }
        for (Path f : files) {
            String name = classes.relativize(f).toString().replace('\\', '/');
            name = name.substring(0, name.length() - ".class".length());
            String from = packageOf(name);
            Map<String, String> out = graph.computeIfAbsent(from, k -> new TreeMap<>());
            for (String used : referencedClasses(f)) {
                String to = packageOf(used);
                if (!to.equals(from) && packages.contains(to)) {
                    out.putIfAbsent(to, name.replace('/', '.') + " -> " + used.replace('/', '.'));
                }
            }
        }
        return graph;
    }

    private static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return internalName.substring(0, slash).replace('/', '.');
    }

    /**
     * The classes of the bot that a class file names: its class constants, and every {@code Lorg/vigie/…;} in a
     * descriptor or signature (the UTF-8 constants).
     */
    static Set<String> referencedClasses(Path classFile) throws IOException {
        Set<String> out = new TreeSet<>();
        try (InputStream in = Files.newInputStream(classFile); DataInputStream d = new DataInputStream(in)) {
            if (d.readInt() != 0xCAFEBABE) {
                throw new IOException("not a class file: " + classFile);
            }
            d.readUnsignedShort();
            d.readUnsignedShort();
            int count = d.readUnsignedShort();
            String[] utf8 = new String[count];
            List<Integer> classNames = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = d.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = d.readUTF();
                    case 7 -> classNames.add(d.readUnsignedShort());           // Class
                    case 8, 16, 19, 20 -> d.readUnsignedShort();               // String, MethodType, Module, Package
                    case 15 -> {                                                // MethodHandle
                        d.readUnsignedByte();
                        d.readUnsignedShort();
                    }
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> d.readInt();           // Integer, Float, refs, NameAndType, dynamic
                    case 5, 6 -> {                                              // Long, Double: two slots
                        d.readLong();
                        i++;
                    }
                    default -> throw new IOException("constant pool tag " + tag + " in " + classFile);
                }
            }
            for (int index : classNames) {
                String n = utf8[index];
                if (n.startsWith("[")) {
                    addDescriptorTypes(n, out);
                } else if (n.startsWith(ROOT + "/")) {
                    out.add(n);
                }
            }
            for (String s : utf8) {
                if (s != null) {
                    addDescriptorTypes(s, out);
                }
            }
        }
        return out;
    }

    private static void addDescriptorTypes(String s, Set<String> out) {
        String marker = "L" + ROOT + "/";
        int i = s.indexOf(marker);
        while (i >= 0) {
            int start = i + 1;
            int end = start;
            while (end < s.length() && s.charAt(end) != ';' && s.charAt(end) != '<') {
                end++;
            }
            if (end < s.length()) {
                out.add(s.substring(start, end));
            }
            i = s.indexOf(marker, end);
        }
    }

    /** The strongly connected sets of two packages or more (Tarjan), each sorted; in a stable order. */
    static List<Set<String>> cycles(Map<String, Map<String, String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new java.util.HashSet<>();
        List<Set<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, graph, index, low, stack, onStack, out, counter);
            }
        }
        out.sort((a, b) -> a.toString().compareTo(b.toString()));
        return out;
    }

    private static void connect(String v, Map<String, Map<String, String>> graph, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                List<Set<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]);
        counter[0]++;
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Map.of()).keySet()) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, onStack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                out.add(component);
            }
        }
    }

    /** A cycle and, for each of its edges, one class that makes it. */
    private static String describe(Set<String> cycle, Map<String, Map<String, String>> graph) {
        StringBuilder b = new StringBuilder("  " + cycle + ":");
        for (String from : cycle) {
            for (Map.Entry<String, String> e : graph.get(from).entrySet()) {
                if (cycle.contains(e.getKey())) {
                    b.append("\n    ").append(e.getValue());
                }
            }
        }
        return b.toString();
    }
}
