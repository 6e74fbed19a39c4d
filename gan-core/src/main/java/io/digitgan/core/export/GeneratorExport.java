package io.digitgan.core.export;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.core.checkpoint.Json;
import io.digitgan.core.engine.DjlEngine;
import io.digitgan.core.model.ModelConfig;
import io.digitgan.core.model.TransposedConv2d;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checkpoint's generator as {@code model.safetensors} + {@code config.json}, named as the PyTorch
 * {@code nn.Sequential} of {@code reference/digitgan_generator.py} names its parameters (index of
 * the layer, then {@code weight}, {@code bias}, {@code running_mean}, {@code running_var}), so
 * {@code load_state_dict} takes it as it is. DJL's transposed-convolution kernel already has
 * PyTorch's {@code ConvTranspose2d} layout (in, out, k, k).
 */
public final class GeneratorExport {

    public static final String WEIGHTS_FILE = "model.safetensors";
    public static final String CONFIG_FILE = "config.json";
    public static final String FORMAT = "digitgan-dcgan-generator/1";

    private GeneratorExport() {}

    /** What was written. */
    public record Exported(Path dir, String weights, int tensors, long parameters) {}

    /**
     * @param averaged the averaged generator (the checkpoint must have one) or the trained one
     */
    public static Exported write(Checkpoint checkpoint, boolean averaged, Path dir) throws IOException {
        if (averaged && !checkpoint.hasAveragedGenerator()) {
            throw new IllegalArgumentException(checkpoint.dir() + " has no averaged generator; export the raw one");
        }
        DjlEngine.start();
        Files.createDirectories(dir);
        ModelConfig model = checkpoint.manifest().config().model();
        if (model.conditional()) {
            // the reference module builds an unconditional generator; its Dense layer would not fit
            throw new IllegalArgumentException(checkpoint.dir() + " holds a conditional generator (" + model.classes()
                    + " classes): export takes unconditional generators only, for now");
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock generator = checkpoint.loadGenerator(manager,
                    averaged ? Checkpoint.GENERATOR_EMA : Checkpoint.GENERATOR);
            Map<String, Safetensors.Tensor> tensors = tensors(generator);
            String weights = averaged ? "ema" : "raw";
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("format", FORMAT);
            metadata.put("run", checkpoint.runId());
            metadata.put("epoch", Integer.toString(checkpoint.epoch()));
            metadata.put("weights", weights);
            Safetensors.write(dir.resolve(WEIGHTS_FILE), tensors, metadata);
            Files.write(dir.resolve(CONFIG_FILE), config(checkpoint, model, weights));
            long parameters = tensors.values().stream().mapToLong(t -> t.values().length).sum();
            return new Exported(dir, weights, tensors.size(), parameters);
        }
    }

    /** The generator's parameters under their PyTorch names, in layer order. */
    static Map<String, Safetensors.Tensor> tensors(SequentialBlock generator) {
        Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
        List<Block> layers = generator.getChildren().values();
        for (int i = 0; i < layers.size(); i++) {
            Block layer = layers.get(i);
            if (layer instanceof Linear || layer instanceof TransposedConv2d) {
                put(tensors, i + ".weight", layer.getParameters().get("weight"));
            } else if (layer instanceof BatchNorm) {
                put(tensors, i + ".weight", layer.getParameters().get("gamma"));
                put(tensors, i + ".bias", layer.getParameters().get("beta"));
                put(tensors, i + ".running_mean", layer.getParameters().get("runningMean"));
                put(tensors, i + ".running_var", layer.getParameters().get("runningVar"));
            } else if (!layer.getParameters().isEmpty()) {
                throw new IllegalStateException("layer " + i + " (" + layer + ") has parameters the export does not know");
            }
        }
        return tensors;
    }

    private static void put(Map<String, Safetensors.Tensor> tensors, String name, Parameter p) {
        tensors.put(name, new Safetensors.Tensor(p.getArray().getShape().getShape(), p.getArray().toFloatArray()));
    }

    private static byte[] config(Checkpoint checkpoint, ModelConfig model, String weights) throws IOException {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("format", FORMAT);
        c.put("latentSize", model.latentSize());
        c.put("imageSize", ModelConfig.IMAGE_SIZE);
        c.put("channels", List.of(model.channels(256), model.channels(128), model.channels(64)));
        c.put("kernelSize", 5);
        c.put("strides", List.of(1, 2, 2));
        c.put("leakySlope", model.leakySlope());
        c.put("batchNormEpsilon", model.batchNormEpsilon());
        c.put("output", "tanh, in [-1, 1]; a pixel is round((v + 1) * 127.5)");
        c.put("latents", "standard normal; the service's latent of seed s is java.util.Random(s).nextGaussian() x latentSize");
        c.put("weights", weights);
        c.put("run", checkpoint.runId());
        c.put("epoch", checkpoint.epoch());
        c.put("sourceSha256", weights.equals("ema") ? checkpoint.averagedGeneratorSha256() : checkpoint.generatorSha256());
        c.put("quality", weights.equals("ema") ? checkpoint.manifest().emaQuality() : checkpoint.manifest().quality());
        c.put("training", checkpoint.manifest().config());
        return Json.MAPPER.writeValueAsBytes(c);
    }
}
