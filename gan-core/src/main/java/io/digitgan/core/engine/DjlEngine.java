package io.digitgan.core.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * The one place that starts DJL's PyTorch engine.
 *
 * <p>DJL would download libtorch at run time when it cannot find it; DigitGAN ships it in the
 * {@code pytorch-native-cpu} jar (or {@code pytorch-native-cu126} for GPUs) and forbids downloads,
 * so a missing native library is an immediate, explained error instead of a network call.
 */
public final class DjlEngine {

    public static final String ENGINE_NAME = "PyTorch";

    private DjlEngine() {}

    /**
     * Starts (once) and returns the PyTorch engine.
     *
     * @param intraOpThreads threads for one operator; 0 keeps libtorch's default (the core count)
     * @throws NativeLibraryMissingException when libtorch cannot be loaded from the classpath
     */
    public static synchronized Engine start(int intraOpThreads) {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.default_engine", ENGINE_NAME);
        // libtorch reads these once, when the engine starts.
        if (intraOpThreads > 0 && System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(intraOpThreads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        try {
            return Engine.getEngine(ENGINE_NAME);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new NativeLibraryMissingException(e);
        }
    }

    /**
     * Turns PyTorch's grad mode off on the calling thread. It is per thread: the engine turns it off
     * where it starts, every other thread begins with it on, and then every op outside a
     * GradientCollector (optimiser updates, the averaged generator, inference) records autograd
     * history. A training step of width 0.5, batch 32 on a new thread took 37.5–38.7 ms with it on
     * and 34.3–35.3 ms with it off (32.8–34.2 on the engine's thread). GradientCollector turns it on
     * for its own span.
     */
    public static void noGradientsOnThisThread() {
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
    }

    /** Starts the engine with libtorch's default thread count. */
    public static Engine start() {
        return start(0);
    }

    /**
     * Chooses the device for {@code auto}, {@code cpu} or {@code gpu}.
     *
     * @throws IllegalArgumentException for another name, or {@code gpu} when DJL sees none
     */
    public static Device device(String choice) {
        Engine engine = start();
        int gpus = engine.getGpuCount();
        switch (choice == null ? "auto" : choice.trim().toLowerCase()) {
            case "auto":
                return gpus > 0 ? Device.gpu() : Device.cpu();
            case "cpu":
                return Device.cpu();
            case "gpu":
                if (gpus == 0) {
                    throw new IllegalArgumentException(
                            "device 'gpu' was asked for, but DJL sees no GPU: is the"
                                    + " pytorch-native-cu126 jar on the classpath and a CUDA driver"
                                    + " installed? Use 'auto' or 'cpu' to train on the CPU.");
                }
                return Device.gpu();
            default:
                throw new IllegalArgumentException(
                        "device must be auto, cpu or gpu, not '" + choice + "'");
        }
    }
}
