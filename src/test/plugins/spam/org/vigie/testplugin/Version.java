package org.vigie.testplugin;

/** A second class of the plugin, loaded lazily on the first hit, so that a jar of two classes is exercised. */
final class Version {

    private Version() {
    }

    static String describe(String matched) {
        return matched + " (v1)";
    }
}
