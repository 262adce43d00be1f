package org.vigie.patrol;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.vigie.patrol.PluginException.Problem;

/**
 * The registry of detectors: the built-in ones (the {@code META-INF/services/org.vigie.patrol.Detector} file of the
 * application's class path) and those of the jars in the plugins folder, each jar in its own class loader. It backs
 * the {@code plugin list|load|reload|unload <name>} commands.
 *
 * <p>Threads: the commands change the registry from their own thread (the methods are synchronized); the patrol thread
 * only reads {@link #active()}, one volatile read per change, and never waits. Every change publishes a new
 * {@link DetectorSet}, so an unloaded detector raises nothing from the next change on. A detector that was executing
 * at that very moment finishes its current change.
 *
 * <p>A name is either a detector's name ({@code sizes}, {@code spamcheck}) or a jar's file name in the plugins folder
 * ({@code spam.jar}; {@code spam} also finds {@code spam.jar} when no detector has that name). Jars are trusted code:
 * whoever can write to the plugins folder can run anything in the bot.
 */
public final class Plugins implements AutoCloseable {

    /** The origin of the detectors found on the application's class path. */
    public static final String BUILT_IN = "built-in";

    /**
     * One line of {@link #list()}.
     *
     * @param name   the detector's name, or for a jar of the plugins folder that is not open, its file name
     * @param origin {@link #BUILT_IN} or the jar's path
     * @param loaded whether it runs now
     * @param events the events it may raise ({@link Event#bit()}); 0 for a jar not open
     */
    public record Info(String name, String origin, boolean loaded, long events) {

        public boolean builtIn() {
            return BUILT_IN.equals(origin);
        }

        /** The events, in {@link Event} order. */
        public List<Event> eventList() {
            List<Event> out = new ArrayList<>();
            for (Event e : Event.values()) {
                if ((events & e.bit()) != 0) {
                    out.add(e);
                }
            }
            return out;
        }
    }

    private record Jar(String fileName, Path path, URLClassLoader loader) {
    }

    /** A known detector; {@code jar} is null and {@code provider} set for a built-in one. */
    private static final class Slot {
        final String name;
        final Jar jar;
        final ServiceLoader.Provider<Detector> provider;
        Detector detector;
        long events;
        boolean loaded;

        Slot(Detector detector, long events, Jar jar, ServiceLoader.Provider<Detector> provider) {
            this.name = detector.name();
            this.detector = detector;
            this.events = events;
            this.jar = jar;
            this.provider = provider;
        }
    }

    private final Path dir;
    private final ClassLoader appLoader;
    // running order: built-ins first in their service-file order, then jars' detectors as they were opened
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final Map<String, Jar> jars = new HashMap<>();
    private volatile DetectorSet active = DetectorSet.EMPTY;

    /**
     * A registry over a plugins folder (which may be missing), with the built-ins of this class's class loader.
     * Nothing is loaded before {@link #discover()}.
     */
    public Plugins(Path pluginsDir) {
        this(pluginsDir, Plugins.class.getClassLoader());
    }

    public Plugins(Path pluginsDir, ClassLoader appLoader) {
        this.dir = pluginsDir.toAbsolutePath().normalize();
        this.appLoader = appLoader;
    }

    /** The detectors the patrol runs now. Lock-free: one volatile read. */
    public DetectorSet active() {
        return active;
    }

    /** The plugins folder. */
    public Path directory() {
        return dir;
    }

    /**
     * Finds and loads the built-in detectors, then every jar of the plugins folder in file-name order. A detector or
     * jar that cannot be loaded is skipped; the others still load. A second call only adds what is new.
     *
     * @return what was skipped and why, one sentence each (for the start-up log); empty when all went well
     */
    public synchronized List<String> discover() {
        List<String> problems = new ArrayList<>();
        try {
            for (ServiceLoader.Provider<Detector> p : ServiceLoader.load(Detector.class, appLoader).stream().toList()) {
                try {
                    Detector d = p.get();
                    if (slots.containsKey(d.name())) {
                        continue; // discovered already
                    }
                    long events = check(d, d.getClass().getName());
                    Slot s = new Slot(d, events, null, p);
                    s.loaded = true;
                    slots.put(s.name, s);
                } catch (PluginException x) {
                    problems.add(x.getMessage());
                } catch (ServiceConfigurationError | RuntimeException | LinkageError x) {
                    problems.add("built-in detector " + p.type().getName() + " cannot be created: " + x);
                }
            }
        } catch (ServiceConfigurationError x) {
            problems.add("the built-in detectors cannot be listed: " + x.getMessage());
        }
        for (String file : jarFiles()) {
            if (jars.containsKey(file)) {
                continue;
            }
            try {
                open(file, null);
            } catch (PluginException x) {
                problems.add(x.getMessage());
            }
        }
        publish();
        return problems;
    }

    /** Every known detector in running order, then the jars of the plugins folder that are not open. */
    public synchronized List<Info> list() {
        List<Info> out = new ArrayList<>();
        for (Slot s : slots.values()) {
            out.add(info(s));
        }
        for (String file : jarFiles()) {
            if (!jars.containsKey(file)) {
                out.add(new Info(file, dir.resolve(file).toString(), false, 0));
            }
        }
        return out;
    }

    /**
     * Loads a known detector that was unloaded, or opens a jar of the plugins folder and loads its detectors (all of
     * them or none).
     *
     * @return what is now loaded
     */
    public synchronized List<Info> load(String name) throws PluginException {
        Slot s = slots.get(detectorName(name));
        if (s != null) {
            if (s.loaded) {
                throw new PluginException(Problem.ALREADY_LOADED, s.name, "detector " + s.name + " is already loaded");
            }
            s.loaded = true;
            publish();
            return List.of(info(s));
        }
        String file = jarFile(name);
        Jar open = file == null ? null : jars.get(file);
        if (open != null) {
            List<Info> out = new ArrayList<>();
            for (Slot x : slotsOf(open)) {
                if (!x.loaded) {
                    x.loaded = true;
                    out.add(info(x));
                }
            }
            if (out.isEmpty()) {
                throw new PluginException(Problem.ALREADY_LOADED, file, file + " is already loaded");
            }
            publish();
            return out;
        }
        if (file == null) {
            throw unknown(name);
        }
        List<Info> out = infos(open(file, null));
        publish();
        return out;
    }

    /**
     * What a name given to {@link #load}, {@link #unload} or {@link #reload} designates, in the form that designates it
     * again after a restart: a known detector's name, or a jar file of the plugins folder; {@code null} for neither.
     */
    public synchronized String designation(String name) {
        String detector = detectorName(name);
        if (slots.containsKey(detector)) {
            return detector;
        }
        return jarFile(name);
    }

    /**
     * Stops a detector at once (it stays known, and {@link #load} brings it back); or, given a jar's file name, stops
     * all its detectors, forgets them and closes the jar.
     *
     * @return what was unloaded
     */
    public synchronized List<Info> unload(String name) throws PluginException {
        Slot s = slots.get(detectorName(name));
        if (s != null) {
            if (!s.loaded) {
                throw new PluginException(Problem.NOT_LOADED, s.name, "detector " + s.name + " is not loaded");
            }
            s.loaded = false;
            publish();
            return List.of(info(s));
        }
        String file = jarFile(name);
        Jar open = file == null ? null : jars.get(file);
        if (open == null) {
            if (file != null) {
                throw new PluginException(Problem.NOT_LOADED, file, file + " is not loaded");
            }
            throw unknown(name);
        }
        List<Slot> gone = slotsOf(open);
        for (Slot x : gone) {
            x.loaded = false;
            slots.remove(x.name);
        }
        jars.remove(file);
        publish();
        closeQuietly(open);
        return infos(gone);
    }

    /**
     * A built-in detector: a fresh instance replaces the old one, loaded. A jar's detector, or a jar's file name: the
     * jar is read again in a new class loader; its detectors keep their loaded state (the one named is loaded; all
     * are when the jar was named), and the old class loader is closed. When the new jar cannot be loaded, the old one
     * keeps running and the error says why. A jar of the folder that is not open is simply loaded.
     *
     * @return what is now loaded
     */
    public synchronized List<Info> reload(String name) throws PluginException {
        String detector = detectorName(name);
        Slot s = slots.get(detector);
        if (s != null && s.jar == null) {
            Detector fresh;
            try {
                fresh = s.provider.get();
            } catch (ServiceConfigurationError | RuntimeException | LinkageError x) {
                throw new PluginException(Problem.BAD_JAR, s.name, "detector " + s.name + " cannot be created: " + x,
                        x);
            }
            long events = check(fresh, s.name);
            if (!fresh.name().equals(s.name)) {
                throw new PluginException(Problem.DUPLICATE_NAME, s.name, "detector " + s.name + " came back as "
                        + fresh.name());
            }
            s.detector = fresh;
            s.events = events;
            s.loaded = true;
            publish();
            return List.of(info(s));
        }
        String file = s != null ? null : jarFile(name);
        Jar old = s != null ? s.jar : file == null ? null : jars.get(file);
        if (old == null) {
            if (file != null) {
                return load(name);
            }
            throw unknown(name);
        }
        Map<String, Boolean> wasLoaded = new HashMap<>();
        for (Slot x : slotsOf(old)) {
            wasLoaded.put(x.name, s == null || x.loaded || x == s);
        }
        List<Slot> fresh = open(old.fileName(), old);
        for (String n : wasLoaded.keySet()) {
            slots.remove(n);
        }
        for (Slot x : fresh) {
            x.loaded = wasLoaded.getOrDefault(x.name, true);
            slots.put(x.name, x);
        }
        jars.put(old.fileName(), fresh.get(0).jar);
        publish();
        closeQuietly(old);
        return infos(fresh);
    }

    /** Stops every detector and closes every jar. */
    @Override
    public synchronized void close() {
        slots.clear();
        publish();
        for (Jar j : jars.values()) {
            closeQuietly(j);
        }
        jars.clear();
    }

    // ------------------------------------------------------------------ internals (all under the lock)

    /**
     * Opens a jar of the plugins folder in a new class loader and creates its detectors; all or nothing. The
     * detectors are registered (not loaded) unless {@code replacing} is given, in which case the caller swaps them in.
     */
    private List<Slot> open(String file, Jar replacing) throws PluginException {
        Path path = dir.resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new PluginException(Problem.UNKNOWN, file, "no file " + file + " in " + dir);
        }
        URLClassLoader loader;
        try {
            loader = new URLClassLoader("plugin " + file, new URL[]{path.toUri().toURL()}, appLoader);
        } catch (MalformedURLException x) {
            throw new PluginException(Problem.BAD_JAR, file, file + " cannot be opened: " + x.getMessage(), x);
        }
        Jar jar = new Jar(file, path, loader);
        boolean ok = false;
        try {
            List<Slot> found = new ArrayList<>();
            // the loader also sees the application's services: keep only the providers that the jar itself defines
            for (ServiceLoader.Provider<Detector> p : ServiceLoader.load(Detector.class, loader).stream()
                    .filter(p -> p.type().getClassLoader() == loader).toList()) {
                Detector d = p.get();
                long events = check(d, file);
                for (Slot other : found) {
                    if (other.name.equals(d.name())) {
                        throw duplicate(d.name(), file);
                    }
                }
                Slot taken = slots.get(d.name());
                if (taken != null && (replacing == null || taken.jar != replacing)) {
                    throw duplicate(d.name(), file);
                }
                found.add(new Slot(d, events, jar, null));
            }
            if (found.isEmpty()) {
                throw new PluginException(Problem.NO_SERVICE, file, file + " declares no detector (it needs a file "
                        + "META-INF/services/" + Detector.class.getName() + " naming its classes)");
            }
            if (replacing == null) {
                for (Slot s : found) {
                    s.loaded = true;
                    slots.put(s.name, s);
                }
                jars.put(file, jar);
            }
            ok = true;
            return found;
        } catch (ServiceConfigurationError | RuntimeException | LinkageError x) {
            throw new PluginException(Problem.BAD_JAR, file, file + " cannot be loaded: " + x, x);
        } finally {
            if (!ok) {
                closeQuietly(jar);
            }
        }
    }

    /** Validates a new detector; returns its events mask. */
    private static long check(Detector d, String where) throws PluginException {
        String name = d.name();
        if (!DetectorSet.validName(name)) {
            throw new PluginException(Problem.BAD_NAME, where, "detector " + d.getClass().getName() + " in " + where
                    + " has a name operators cannot type: '" + name + "' (a-z, 0-9, - and _, at most 32 characters)");
        }
        long events = d.events() & DetectorSet.allEvents();
        if (events == 0) {
            throw new PluginException(Problem.CLAIMS_NOTHING, name, "detector " + name + " in " + where
                    + " claims no event: its events() is " + d.events());
        }
        return events;
    }

    private static PluginException duplicate(String name, String file) {
        return new PluginException(Problem.DUPLICATE_NAME, name, "detector " + name + " in " + file
                + " has the name of a detector already known");
    }

    private PluginException unknown(String name) {
        return new PluginException(Problem.UNKNOWN, name, "no plugin '" + name + "': detectors are "
                + String.join(", ", slots.keySet()) + "; jars in " + dir + ": "
                + (jarFiles().isEmpty() ? "none" : String.join(", ", jarFiles())));
    }

    private void publish() {
        List<Detector> ds = new ArrayList<>();
        List<Long> masks = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Slot s : slots.values()) {
            if (s.loaded) {
                ds.add(s.detector);
                masks.add(s.events);
                names.add(s.name);
            }
        }
        active = DetectorSet.ofValidated(ds, masks, names);
    }

    private List<Slot> slotsOf(Jar jar) {
        List<Slot> out = new ArrayList<>();
        for (Slot s : slots.values()) {
            if (s.jar == jar) {
                out.add(s);
            }
        }
        return out;
    }

    private static Info info(Slot s) {
        return new Info(s.name, s.jar == null ? BUILT_IN : s.jar.path().toString(), s.loaded, s.events);
    }

    private static List<Info> infos(List<Slot> slots) {
        List<Info> out = new ArrayList<>(slots.size());
        for (Slot s : slots) {
            out.add(info(s));
        }
        return out;
    }

    private static String detectorName(String name) {
        return name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The jar file a name designates: itself when it ends with {@code .jar}, else {@code name.jar} when that file
     * exists; {@code null} otherwise. Only plain file names of the plugins folder: no path, nothing hidden.
     */
    private String jarFile(String name) {
        if (name == null) {
            return null;
        }
        String n = name.strip();
        if (n.isEmpty() || n.startsWith(".") || n.indexOf('/') >= 0 || n.indexOf('\\') >= 0 || n.indexOf(0) >= 0) {
            return null;
        }
        if (n.toLowerCase(Locale.ROOT).endsWith(".jar")) {
            return n;
        }
        String withSuffix = n + ".jar";
        return jars.containsKey(withSuffix) || Files.isRegularFile(dir.resolve(withSuffix)) ? withSuffix : null;
    }

    /** The jar files of the plugins folder, by name; empty when the folder does not exist. */
    private List<String> jarFiles() {
        TreeSet<String> out = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.jar")) {
            for (Path p : files) {
                if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")) {
                    out.add(p.getFileName().toString());
                }
            }
        } catch (IOException x) {
            return List.of();
        }
        return List.copyOf(out);
    }

    private static void closeQuietly(Jar jar) {
        try {
            jar.loader().close();
        } catch (IOException x) {
            // the class loader is dropped anyway; a jar file left open is all we could lose
        }
    }
}
