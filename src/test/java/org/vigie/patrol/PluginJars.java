package org.vigie.patrol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds plugin jars for tests from the sources under {@code src/test/plugins/<fixture>}: the Java files are compiled
 * with the system compiler against the application's classes, the other files (the services file) are copied, and
 * all is packed with {@link JarOutputStream}. Each variant is compiled once per test run.
 */
final class PluginJars {

    static final Path FIXTURES = Path.of("src", "test", "plugins");
    private static final String SERVICES = "META-INF/services/" + Detector.class.getName();
    private static final Map<String, byte[]> BUILT = new HashMap<>();

    private PluginJars() {
    }

    /**
     * Writes a jar of a fixture to {@code jar}.
     *
     * @param replacements text replaced in every source and resource file (old, new, old, new…)
     * @param withServices whether the services file goes into the jar
     */
    static synchronized Path write(String fixture, Path jar, boolean withServices, String... replacements)
            throws IOException {
        String key = fixture + "|" + withServices + "|" + String.join("|", replacements);
        byte[] bytes = BUILT.get(key);
        if (bytes == null) {
            bytes = build(FIXTURES.resolve(fixture), withServices, replacements);
            BUILT.put(key, bytes);
        }
        Files.createDirectories(jar.getParent());
        // written beside and moved, as an operator replacing a jar would do
        Path tmp = jar.resolveSibling("." + jar.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return jar;
    }

    private static byte[] build(Path fixture, boolean withServices, String... replacements) throws IOException {
        Path work = Files.createTempDirectory("vigie-plugin-build");
        try {
            Path src = work.resolve("src");
            Path classes = work.resolve("classes");
            Files.createDirectories(classes);
            List<Path> sources = new ArrayList<>();
            Map<String, byte[]> resources = new HashMap<>();
            try (Stream<Path> files = Files.walk(fixture)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String rel = fixture.relativize(f).toString().replace('\\', '/');
                    String text = replace(Files.readString(f, StandardCharsets.UTF_8), replacements);
                    if (rel.endsWith(".java")) {
                        Path copy = src.resolve(rel);
                        Files.createDirectories(copy.getParent());
                        Files.writeString(copy, text, StandardCharsets.UTF_8);
                        sources.add(copy);
                    } else if (withServices || !rel.equals(SERVICES)) {
                        resources.put(rel, text.getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            compile(sources, classes);
            return pack(classes, resources);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private static String replace(String text, String... replacements) {
        String out = text;
        for (int i = 0; i + 1 < replacements.length; i += 2) {
            out = out.replace(replacements[i], replacements[i + 1]);
        }
        return out;
    }

    private static void compile(List<Path> sources, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no system Java compiler: the tests need a JDK, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-classpath", applicationClasses().toString(), "-d",
                    classes.toString());
            boolean ok = javac.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            if (!ok) {
                StringBuilder why = new StringBuilder("plugin fixture does not compile:");
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    why.append('\n').append(d);
                }
                throw new IllegalStateException(why.toString());
            }
        }
    }

    /** Where the application's classes are ({@code target/classes}). */
    static Path applicationClasses() {
        try {
            return Path.of(Detector.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException x) {
            throw new IllegalStateException(x);
        }
    }

    private static byte[] pack(Path classes, Map<String, byte[]> resources) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest); Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                put(jar, classes.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
            for (Map.Entry<String, byte[]> r : resources.entrySet()) {
                put(jar, r.getKey(), r.getValue());
            }
        }
        return bytes.toByteArray();
    }

    private static void put(JarOutputStream jar, String name, byte[] content) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        OutputStream out = jar;
        out.write(content);
        jar.closeEntry();
    }
}
