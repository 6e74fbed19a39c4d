package io.digitgan.core.engine;

/** libtorch could not be loaded; the message says what to check. */
public class NativeLibraryMissingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    NativeLibraryMissingException(Throwable cause) {
        super(
                "The PyTorch native library could not be loaded, and DigitGAN never downloads it."
                        + " Check that ai.djl.pytorch:pytorch-native-cpu:2.7.1 (classifier"
                        + " linux-x86_64, or pytorch-native-cu126 for a GPU) and"
                        + " ai.djl.pytorch:pytorch-jni:2.7.1-0.36.0 are on the classpath, that the"
                        + " machine is linux-x86_64, and that ~/.djl.ai (or $DJL_CACHE_DIR) is"
                        + " writable: libtorch is unpacked there on first use (about 430 MB)."
                        + " Cause: "
                        + rootMessage(cause),
                cause);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
