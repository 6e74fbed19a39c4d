package io.digitgan.core.engine;

/** Started in a child JVM by {@link NativeLibraryMissingTest}: starts the engine and reports. */
public final class StartEngineMain {

    private StartEngineMain() {}

    public static void main(String[] args) {
        try {
            DjlEngine.start(1);
            System.out.println("ENGINE STARTED");
        } catch (NativeLibraryMissingException e) {
            System.out.println("MISSING: " + e.getMessage());
            System.exit(3);
        }
    }
}
