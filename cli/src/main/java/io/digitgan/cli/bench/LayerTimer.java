package io.digitgan.cli.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.digitgan.core.engine.DjlEngine;
import io.digitgan.core.model.Conv2dBlock;
import io.digitgan.core.model.TransposedConv2d;
import io.digitgan.core.train.GanTrainer;
import java.util.ArrayList;
import java.util.List;

/**
 * Times every layer of a trainer's generator and discriminator alone, in training mode, on the
 * input it gets in a step (G on latents, D on G's images): the forward pass, and the backward pass
 * (input and weight gradients, from a gradient of ones) as the difference of forward + backward
 * and forward. Medians of {@code repeats} after {@code warmup}.
 */
final class LayerTimer {

    private LayerTimer() {}

    /** One layer's times; {@code flops} is its forward pass's arithmetic (0 for elementwise layers). */
    record LayerTime(String model, int index, String layer, String output, double forwardMs, double backwardMs,
            double flops) {}

    static List<LayerTime> time(GanTrainer trainer, int batch, int warmup, int repeats) {
        List<LayerTime> times = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), DjlEngine.ENGINE_NAME)) {
            NDArray z = manager.randomNormal(new Shape(batch, trainer.config().model().latentSize()));
            NDArray images = timeChain("G", trainer.generatorBlock(), z, false, manager, warmup, repeats, times);
            timeChain("D", trainer.discriminatorBlock(), images, true, manager, warmup, repeats, times);
        }
        return times;
    }

    /** Times the children of {@code model} one by one; returns the model's output. */
    private static NDArray timeChain(String model, Block block, NDArray input, boolean inputGradient, NDManager manager,
            int warmup, int repeats, List<LayerTime> times) {
        NDArray x = input;
        boolean needsInputGradient = inputGradient;
        int index = 0;
        for (Pair<String, Block> child : block.getChildren()) {
            Block layer = child.getValue();
            NDArray in = x;
            boolean gradIn = needsInputGradient;
            double forward = TrainBenchmark.medianMillis(() -> pass(layer, in, gradIn, false, manager), warmup, repeats);
            double both = TrainBenchmark.medianMillis(() -> pass(layer, in, gradIn, true, manager), warmup, repeats);
            NDArray out = output(layer, in, manager);
            times.add(new LayerTime(model, index++, layer.getClass().getSimpleName(), out.getShape().toString(), forward,
                    Math.max(0, both - forward), forwardFlops(layer, in.getShape(), out.getShape())));
            x = out;
            needsInputGradient = true; // every later layer passes a gradient back to the one before
        }
        return x;
    }

    private static void pass(Block layer, NDArray input, boolean inputGradient, boolean backward, NDManager manager) {
        try (NDManager step = manager.newSubManager(); GradientCollector collector = Engine.getEngine(DjlEngine.ENGINE_NAME)
                .newGradientCollector()) {
            NDArray x = input.stopGradient();
            x.attach(step);
            if (inputGradient) {
                x.setRequiresGradient(true);
            }
            NDArray out = layer.forward(new ParameterStore(step, false), new NDList(x), true).singletonOrThrow();
            if (backward) {
                collector.backward(out);
            }
        }
    }

    private static NDArray output(Block layer, NDArray input, NDManager manager) {
        try (GradientCollector ignored = Engine.getEngine(DjlEngine.ENGINE_NAME).newGradientCollector()) {
            NDArray out = layer.forward(new ParameterStore(manager, false), new NDList(input), true).singletonOrThrow();
            return out.stopGradient();
        }
    }

    /** Multiply-adds × 2 of the layers that compute (dense and convolutions), from their shapes. */
    static double forwardFlops(Block layer, Shape in, Shape out) {
        long batch = in.get(0);
        if (layer instanceof Linear) {
            return 2.0 * batch * (in.size() / batch) * (out.size() / batch);
        }
        if (layer instanceof TransposedConv2d t) {
            long k = (long) t.getKernelSize() * t.getKernelSize();
            return 2.0 * batch * in.get(2) * in.get(3) * in.get(1) * out.get(1) * k;
        }
        if (layer instanceof Conv2dBlock || layer instanceof Convolution) {
            Parameter w = layer.getParameters().get("weight");
            Shape ws = w.getArray().getShape();
            return 2.0 * batch * out.get(2) * out.get(3) * ws.get(0) * ws.get(1) * ws.get(2) * ws.get(3);
        }
        return 0;
    }
}
