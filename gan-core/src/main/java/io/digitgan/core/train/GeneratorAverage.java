package io.digitgan.core.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.core.model.BlockGenerator;
import io.digitgan.core.model.DcganModels;
import io.digitgan.core.model.ModelConfig;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An exponential moving average of the generator's weights (Yazıcı et al. 2019): a second copy of
 * the generator that follows the trained one after every step, a ← a − (1 − β)(a − w), and is
 * never trained itself, so it cannot change how the run trains.
 *
 * <p>β = min(decay, (1 + t)/(10 + t)) at step t: early on the average follows the generator
 * closely, so a run of a few thousand steps is not dragged back towards its random start. The
 * BatchNorm moving statistics are averaged with the same β: they are part of the function the
 * averaged weights compute, and the average of the statistics tracks the average of the weights
 * more closely than the raw generator's newest statistics would.
 */
final class GeneratorAverage implements AutoCloseable {

    private final double decay;
    private final Model model;
    private final SequentialBlock block;
    private final List<NDArray> averaged = new ArrayList<>();
    private final List<NDArray> trained = new ArrayList<>();
    private final BlockGenerator inference;

    /**
     * @param from a checkpoint to resume the average from; when it holds none (or is null) the
     *     average starts as a copy of the trained generator
     */
    GeneratorAverage(ModelConfig config, double decay, Block trainedGenerator, Device device, Checkpoint from)
            throws IOException {
        this.decay = decay;
        block = DcganModels.generator(config);
        model = Model.newInstance("generator-ema", device);
        boolean resumed = from != null && from.manifest().files().containsKey(Checkpoint.GENERATOR_EMA);
        if (resumed) {
            from.loadInto(block, Checkpoint.GENERATOR_EMA, model.getNDManager());
        }
        model.setBlock(block);
        block.initialize(model.getNDManager(), DataType.FLOAT32, DcganModels.generatorInput(config, 1));
        for (Parameter p : block.getParameters().values()) {
            // never trained; and PyTorch refuses in-place updates of leaves that require gradients
            // on threads where grad mode is on (the default of every thread but the engine's first)
            p.getArray().setRequiresGradient(false);
            averaged.add(p.getArray());
        }
        for (Parameter p : trainedGenerator.getParameters().values()) {
            trained.add(p.getArray());
        }
        if (!resumed) {
            copyTrained();
        }
        inference = new BlockGenerator(block, model.getNDManager(), config);
    }

    /** The decay applied after step {@code step} (1-based steps done so far). */
    static double decayAt(double decay, long step) {
        return Math.min(decay, (1.0 + step) / (10.0 + step));
    }

    /**
     * Moves the average towards the trained generator after step {@code step}. {@link GanTrainer}
     * turns grad mode off on its thread; the trained weights are read through detached views as
     * well, because with grad mode on this update would not fail but silently grow an autograd
     * graph that no array count shows.
     */
    void update(long step) {
        float rate = (float) (1 - decayAt(decay, step));
        for (int i = 0; i < averaged.size(); i++) {
            NDArray a = averaged.get(i);
            try (NDArray weights = trained.get(i).stopGradient(); NDArray difference = a.sub(weights)) {
                a.subi(difference.muli(rate));
            }
        }
    }

    private void copyTrained() {
        for (int i = 0; i < averaged.size(); i++) {
            trained.get(i).copyTo(averaged.get(i));
        }
    }

    BlockGenerator inference() {
        return inference;
    }

    Block block() {
        return block;
    }

    void save(DataOutputStream out) throws IOException {
        block.saveParameters(out);
    }

    @Override
    public void close() {
        model.close();
    }
}
