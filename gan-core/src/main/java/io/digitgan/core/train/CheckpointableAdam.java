package io.digitgan.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adam, computed by the engine's fused update as DJL's own {@code Adam} does, but with its state
 * (the moment estimates and the step count of every parameter) readable and writable, so that a
 * resumed run continues exactly where it stopped. DJL's {@code Adam} keeps that state private.
 *
 * <p>State is saved by parameter <em>path</em> in the block (parameter ids are random UUIDs, new
 * in every process).
 */
public final class CheckpointableAdam extends Optimizer {

    private static final int FORMAT = 1;

    private final float learningRate;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final Map<String, NDArray> means = new ConcurrentHashMap<>();
    private final Map<String, NDArray> variances = new ConcurrentHashMap<>();
    private final Map<String, Integer> steps = new ConcurrentHashMap<>();

    public CheckpointableAdam(float learningRate, float beta1, float beta2, float epsilon) {
        super(new Builder());
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        int t = steps.merge(parameterId, 1, Integer::sum);
        double coef1 = 1.0 - Math.pow(beta1, t);
        double coef2 = 1.0 - Math.pow(beta2, t);
        float corrected = (float) (learningRate * Math.sqrt(coef2) / coef1);
        NDArray mean = means.computeIfAbsent(parameterId, k -> weight.zerosLike());
        NDArray variance = variances.computeIfAbsent(parameterId, k -> weight.zerosLike());
        weight.getNDArrayInternal().adamUpdate(
                new NDList(weight, grad, mean, variance),
                new NDList(weight),
                learningRate,
                corrected,
                0f,
                rescaleGrad,
                clipGrad,
                beta1,
                beta2,
                epsilon,
                true,
                false);
    }

    /** Number of updates applied so far (the largest over the parameters). */
    public int stepCount() {
        return steps.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** Writes the state of every parameter of {@code block} that has been updated. */
    public void save(Block block, DataOutputStream out) throws IOException {
        out.writeInt(FORMAT);
        Map<String, String> ids = pathsById(block);
        int count = (int) ids.keySet().stream().filter(means::containsKey).count();
        out.writeInt(count);
        for (Map.Entry<String, String> e : ids.entrySet()) {
            String id = e.getKey();
            if (!means.containsKey(id)) {
                continue;
            }
            out.writeUTF(e.getValue());
            out.writeInt(steps.getOrDefault(id, 0));
            writeArray(out, means.get(id).encode());
            writeArray(out, variances.get(id).encode());
        }
    }

    /** Restores state written by {@link #save} into this optimizer, for the parameters of {@code block}. */
    public void load(Block block, NDManager manager, DataInputStream in) throws IOException {
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("optimizer state format " + format + " is not supported (expected " + FORMAT + ")");
        }
        Map<String, String> idsByPath = new HashMap<>();
        pathsById(block).forEach((id, path) -> idsByPath.put(path, id));
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            String path = in.readUTF();
            String id = idsByPath.get(path);
            if (id == null) {
                throw new IOException("optimizer state names parameter '" + path + "', which the model does not have");
            }
            steps.put(id, in.readInt());
            means.put(id, NDArray.decode(manager, readArray(in)));
            variances.put(id, NDArray.decode(manager, readArray(in)));
        }
    }

    private static Map<String, String> pathsById(Block block) {
        Map<String, String> result = new java.util.LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            result.put(p.getValue().getId(), p.getKey());
        }
        return result;
    }

    private static void writeArray(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readArray(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > (1 << 30)) {
            throw new IOException("corrupt optimizer state: array of " + length + " bytes");
        }
        return in.readNBytes(length);
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
