package io.digitgan.core.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.core.config.GanConfig;
import io.digitgan.core.engine.DjlEngine;
import io.digitgan.core.model.BlockGenerator;
import io.digitgan.core.model.DcganModels;
import io.digitgan.core.model.ModelConfig;
import java.io.IOException;
import java.util.List;

/**
 * The two players of a run, set up to train: the generator and the discriminator, each with its
 * DJL model, Adam and trainer, and the averaged generator when the config keeps one; new (from
 * the run's seed) or restored from a checkpoint with their optimisers' state.
 */
final class GanModels implements AutoCloseable {

    final SequentialBlock generator;
    final Block discriminator;
    final Trainer generatorTrainer;
    final Trainer discriminatorTrainer;
    final CheckpointableAdam generatorAdam;
    final CheckpointableAdam discriminatorAdam;
    /** The generator in inference mode (BatchNorm's moving statistics, no dropout). */
    final BlockGenerator inference;
    /** The averaged generator, or null when the run keeps none. */
    final GeneratorAverage average;
    /** D's parameters that learn: frozen during G's update. */
    final List<Parameter> discriminatorTrainable;
    private final Model generatorModel;
    private final Model discriminatorModel;

    /**
     * @param from the checkpoint to restore the weights and the optimisers' state from; null: new
     *     weights from the config's seed (the engine is seeded here, before any weight is drawn)
     */
    GanModels(GanConfig config, Device device, Checkpoint from) throws IOException {
        ModelConfig modelConfig = config.model();
        Engine.getEngine(DjlEngine.ENGINE_NAME).setRandomSeed((int) config.seed());
        generator = DcganModels.generator(modelConfig);
        discriminator = DcganModels.discriminator(modelConfig);
        generatorModel = Model.newInstance("generator", device);
        discriminatorModel = Model.newInstance("discriminator", device);
        if (from != null) {
            // parameters loaded before initialisation are kept by it
            from.loadInto(generator, Checkpoint.GENERATOR, generatorModel.getNDManager());
            from.loadInto(discriminator, Checkpoint.DISCRIMINATOR, discriminatorModel.getNDManager());
        }
        generatorModel.setBlock(generator);
        discriminatorModel.setBlock(discriminator);

        generatorAdam = adam(config, config.generatorLearningRate());
        discriminatorAdam = adam(config, config.discriminatorLearningRate());
        generatorTrainer = generatorModel.newTrainer(trainingConfig(generatorAdam, device));
        discriminatorTrainer = discriminatorModel.newTrainer(trainingConfig(discriminatorAdam, device));
        generatorTrainer.initialize(DcganModels.generatorInput(modelConfig, config.batchSize()));
        discriminatorTrainer.initialize(DcganModels.discriminatorInputs(modelConfig, config.batchSize()));
        inference = new BlockGenerator(generator, generatorModel.getNDManager(), modelConfig);
        average = config.averagesGenerator()
                ? new GeneratorAverage(modelConfig, config.emaDecay(), generator, device, from)
                : null;
        discriminatorTrainable = discriminator.getParameters().values().stream()
                .filter(Parameter::requiresGradient).toList();
        if (from != null) {
            try (var in = from.open(Checkpoint.GENERATOR_OPTIMIZER)) {
                generatorAdam.load(generator, generatorModel.getNDManager(), in);
            }
            try (var in = from.open(Checkpoint.DISCRIMINATOR_OPTIMIZER)) {
                discriminatorAdam.load(discriminator, discriminatorModel.getNDManager(), in);
            }
        }
    }

    /** The generator a server would serve: the averaged one when the run keeps it. */
    BlockGenerator served() {
        return average != null ? average.inference() : inference;
    }

    /** The long-lived generator model's memory: where a step's temporaries are made and freed. */
    ai.djl.ndarray.NDManager generatorManager() {
        return generatorModel.getNDManager();
    }

    /** Arrays held by the long-lived model managers: constant from step to step unless something leaks. */
    int managedArrayCount() {
        return generatorModel.getNDManager().getManagedArrays().size()
                + discriminatorModel.getNDManager().getManagedArrays().size();
    }

    private static CheckpointableAdam adam(GanConfig config, double learningRate) {
        return new CheckpointableAdam((float) learningRate, (float) config.beta1(), (float) config.beta2(),
                (float) config.adamEpsilon());
    }

    private static DefaultTrainingConfig trainingConfig(CheckpointableAdam optimizer, Device device) {
        // the loss is computed by hand in the step; DJL's Trainer requires one to be named
        return new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss()).optOptimizer(optimizer)
                .optDevices(new Device[] {device});
    }

    @Override
    public void close() {
        generatorTrainer.close();
        discriminatorTrainer.close();
        generatorModel.close();
        discriminatorModel.close();
        if (average != null) {
            average.close();
        }
    }
}
