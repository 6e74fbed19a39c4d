package io.digitgan.core.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import io.digitgan.core.checkpoint.Checkpoint;
import io.digitgan.core.checkpoint.CheckpointStore;
import io.digitgan.core.config.GanConfig;
import io.digitgan.core.data.BatchSampler;
import io.digitgan.core.data.MnistDataset;
import io.digitgan.core.engine.DjlEngine;
import io.digitgan.core.model.BlockGenerator;
import io.digitgan.core.model.DcganModels;
import io.digitgan.core.model.ModelConfig;
import io.digitgan.core.model.OneHot;
import io.digitgan.core.quality.QualityProbe;
import io.digitgan.events.Quality;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the DCGAN, one epoch after another, from the start or from a checkpoint, with the
 * config's loss and, when it asks for one, an averaged generator beside the trained one.
 *
 * <p>A step is two passes, each with its own gradient collector (DJL allows one open at a
 * time): first the generator's, with the discriminator frozen so none of its parameters collect
 * gradient, then the discriminator's, on real images and on the generator's images detached from
 * its graph. Both optimisers step afterwards, so both see gradients of the same models, as in the
 * TensorFlow DCGAN the report followed. Everything random in an epoch is seeded from (seed,
 * epoch): a run resumed at epoch e trains epoch e on the same batches and noise as one that never
 * stopped. The players are set up (new or from a checkpoint) by {@link GanModels}, checkpoints
 * written by {@link CheckpointWriter}; this class is the loop: epochs, steps, figures, grids.
 */
public final class GanTrainer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GanTrainer.class);
    private static final long FIXED_NOISE_SALT = 0x5EED_F1D0L;
    private static final long QUALITY_NOISE_SALT = 0x0F1D_0F1DL;

    private final String runId;
    private final GanConfig config;
    private final Device device;
    private final GanModels models;
    private final Trainer generatorTrainer;
    private final Trainer discriminatorTrainer;
    private final CheckpointWriter checkpoints;
    private final BatchSampler sampler;
    private final AdversarialLoss loss;
    private final TimeBudget budget;
    private final float[] fixedNoise;
    private final int gridCount;
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private final boolean resumed;
    private int nextEpoch;
    private long globalStep;
    private Checkpoint lastCheckpoint;
    private volatile boolean stopRequested;
    private QualityProbe qualityProbe;
    private QualitySchedule qualitySchedule;
    private StepPhases phases = StepPhases.NONE;

    private GanTrainer(String runId, GanConfig config, MnistDataset data, Device device, CheckpointStore store,
            Checkpoint from) throws IOException {
        this.runId = runId;
        this.config = config;
        this.device = device;
        this.resumed = from != null;
        models = new GanModels(config, device, from);
        generatorTrainer = models.generatorTrainer;
        discriminatorTrainer = models.discriminatorTrainer;
        checkpoints = store == null ? null : new CheckpointWriter(runId, config, store, models);
        loss = AdversarialLoss.of(config);
        Double trainedBefore = from == null ? null : from.manifest().trainingSeconds();
        budget = new TimeBudget(config.maxMinutes(), trainedBefore == null ? 0 : trainedBefore);
        MnistDataset train = config.maxImages() > 0 ? data.limit(config.maxImages()) : data;
        sampler = new BatchSampler(train, config.batchSize(), config.seed());
        gridCount = SampleGrid.count(config);
        fixedNoise = gaussian(new Random(config.seed() ^ FIXED_NOISE_SALT),
                SampleGrid.noiseRows(config) * config.model().latentSize());
        if (from != null) {
            nextEpoch = from.epoch() + 1;
            globalStep = from.manifest().globalStep();
            lastCheckpoint = from;
        } else {
            nextEpoch = 1;
        }
    }

    /** A new run. {@code store} may be null: then no checkpoints are written. */
    public static GanTrainer start(String runId, GanConfig config, MnistDataset data, Device device,
            CheckpointStore store) {
        try {
            return new GanTrainer(runId, config, data, device, store, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Continues a run from a checkpoint (verified first): the next epoch, the same config, seed and
     * noise schedule. {@code epochs} may raise the total (0 keeps the checkpoint's).
     */
    public static GanTrainer resume(Checkpoint checkpoint, MnistDataset data, Device device, CheckpointStore store,
            int epochs) throws IOException {
        checkpoint.verify();
        GanConfig config = checkpoint.manifest().config();
        if (epochs > 0) {
            config = config.toBuilder().epochs(epochs).build();
        }
        return new GanTrainer(checkpoint.runId(), config, data, device, store, checkpoint);
    }

    public void addListener(TrainingListener listener) {
        listeners.add(listener);
    }

    /**
     * Measures the generator's samples on {@code schedule}: the figures go into the epoch's metrics
     * and its checkpoint's manifest. A failed measurement is logged and the run goes on without it.
     */
    public void measureQuality(QualityProbe probe, QualitySchedule schedule) {
        this.qualityProbe = probe;
        this.qualitySchedule = schedule;
    }

    /** Tells {@code phases} where each step's phases end (the step profile's clock); null: nobody. */
    public void timePhases(StepPhases phases) {
        this.phases = phases == null ? StepPhases.NONE : phases;
    }

    /** Asks the training loop to stop after the current step; the unfinished epoch is not kept. */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Trains the remaining epochs.
     *
     * @throws NonFiniteLossException if a loss becomes NaN or infinite (nothing after the last
     *     good checkpoint is written)
     */
    public RunOutcome train() {
        DjlEngine.noGradientsOnThisThread(); // a service's worker thread starts with grad mode on
        int stepsPerEpoch = sampler.batchesPerEpoch();
        RunInfo info = new RunInfo(runId, config, device.toString(), nextEpoch, stepsPerEpoch, resumed,
                budget.secondsBefore());
        LOG.info("run {}: {} at epoch {}/{}, seed {}, device {}, {} steps of {} images per epoch, width {}",
                runId, resumed ? "resuming" : "starting", nextEpoch, config.epochs(), config.seed(), device,
                stepsPerEpoch, config.batchSize(), config.model().width());
        listeners.forEach(l -> l.onStart(info));
        budget.start();
        RunOutcome outcome = null;
        while (outcome == null && nextEpoch <= config.epochs()) {
            EpochEnd end = trainEpoch(nextEpoch, stepsPerEpoch);
            if (end == EpochEnd.STOPPED) {
                outcome = new RunOutcome(RunOutcome.Status.STOPPED, nextEpoch - 1, globalStep);
            } else if (end == EpochEnd.LAST) {
                outcome = new RunOutcome(RunOutcome.Status.COMPLETED, nextEpoch, globalStep);
            }
            nextEpoch++;
        }
        if (outcome == null) {
            outcome = new RunOutcome(RunOutcome.Status.COMPLETED, config.epochs(), globalStep);
        }
        RunOutcome done = outcome;
        listeners.forEach(l -> l.onFinish(done));
        return outcome;
    }

    /** How an epoch ended: stopped before its end, with more to come, or as the run's last. */
    private enum EpochEnd { STOPPED, MORE, LAST }

    private EpochEnd trainEpoch(int epoch, int stepsPerEpoch) {
        Engine.getEngine(DjlEngine.ENGINE_NAME).setRandomSeed((int) (config.seed() * 31 + epoch));
        DcganModels.reseedDropout(models.discriminator, config.seed() * 31 + epoch);
        sampler.startEpoch(epoch);
        float noiseStd = (float) config.noiseStd(epoch);
        double sumGen = 0;
        double sumDisc = 0;
        double sumReal = 0;
        double sumFake = 0;
        long epochStart = System.nanoTime();
        for (int step = 1; step <= stepsPerEpoch; step++) {
            if (stopRequested) {
                LOG.info("run {}: stopped during epoch {} at step {}; it will be trained again on resume",
                        runId, epoch, step);
                return EpochEnd.STOPPED;
            }
            long stepStart = System.nanoTime();
            StepResult r = step(sampler.next(), sampler.labels(), noiseStd);
            globalStep++;
            checkFinite(r.genLoss(), "generator loss", epoch, step);
            checkFinite(r.discLoss(), "discriminator loss", epoch, step);
            if (models.average != null) {
                models.average.update(globalStep);
                phases.phaseEnded("averaged generator (EMA)");
            }
            sumGen += r.genLoss();
            sumDisc += r.discLoss();
            sumReal += r.dReal();
            sumFake += r.dFake();
            long now = System.nanoTime();
            double rate = (double) step * config.batchSize() / ((now - epochStart) / 1e9);
            StepMetrics metrics = new StepMetrics(epoch, step, stepsPerEpoch, globalStep, r.genLoss(), r.discLoss(), r.dReal(), r.dFake(),
                    noiseStd, rate, (now - stepStart) / 1e6);
            listeners.forEach(l -> l.onStep(metrics));
            phases.phaseEnded("listeners (progress, events)");
        }
        double seconds = (System.nanoTime() - epochStart) / 1e9;
        boolean last = epoch == config.epochs();
        if (budget.epochEndedAndNoRoomForAnother() && !last) {
            LOG.info(String.format("run %s: another epoch would not end within the %.1f-minute budget (%.1f min"
                    + " trained): epoch %d is the last", runId, config.maxMinutes(), budget.elapsedSeconds() / 60, epoch));
            last = true;
        }
        EpochMetrics metrics = new EpochMetrics(epoch, config.epochs(), globalStep, sumGen / stepsPerEpoch,
                sumDisc / stepsPerEpoch, sumReal / stepsPerEpoch, sumFake / stepsPerEpoch, noiseStd,
                stepsPerEpoch * config.batchSize() / seconds, seconds, measureQuality(epoch, last, models.inference, "raw"),
                models.average == null ? null : measureQuality(epoch, last, models.average.inference(), "averaged"));
        listeners.forEach(l -> l.onEpoch(metrics));
        if (config.isSampleEpoch(epoch, last)) {
            SampleGrid grid = SampleGrid.of(epoch, models.served(), fixedNoise, gridCount);
            listeners.forEach(l -> l.onSamples(grid));
        }
        if (checkpoints != null && config.isCheckpointEpoch(epoch, last)) {
            lastCheckpoint = checkpoints.write(epoch, globalStep, metrics.quality(), metrics.emaQuality(),
                    budget.elapsedSeconds());
            Checkpoint checkpoint = lastCheckpoint;
            listeners.forEach(l -> l.onCheckpoint(checkpoint));
        }
        return last ? EpochEnd.LAST : EpochEnd.MORE;
    }

    /**
     * The quality figures of {@code generator} due after {@code epoch}, or null. Same noise every
     * time: epochs (and the raw and averaged weights) differ by the generator only.
     */
    private Quality measureQuality(int epoch, boolean last, BlockGenerator generator, String weights) {
        if (qualityProbe == null || !qualitySchedule.isDue(epoch, last)) {
            return null;
        }
        int count = qualitySchedule.samplesAt(last);
        try {
            Quality q = qualityProbe.measure(generator, config.model().latentSize(), count,
                    config.seed() ^ QUALITY_NOISE_SALT, qualitySchedule.samples());
            LOG.info(String.format("run %s: epoch %d quality of the %s generator on %d samples: %s %.3f, %s %.3f, %d/10 classes"
                            + " covered%s (real-data floor: FID %.3f, score %.3f), measured in %.1f s",
                    runId, epoch, weights, count, config.dataset().fidName(), q.fid(), config.dataset().scoreName(),
                    q.mnistScore(), q.digitsCovered(),
                    q.classAccuracy() == null ? "" : String.format(", class accuracy %.4f", q.classAccuracy()),
                    q.floor() == null ? Double.NaN : q.floor().fid(), q.floor() == null ? Double.NaN : q.floor().mnistScore(),
                    q.seconds() == null ? Double.NaN : q.seconds()));
            return q;
        } catch (Exception e) {
            LOG.warn("run {}: could not measure the quality of the {} generator after epoch {}; going on without it: {}",
                    runId, weights, epoch, e.toString());
            return null;
        }
    }

    /**
     * One step, as in dcgan/main.py: update G (its loss through a frozen D), then D (on real and on
     * the detached generated images), then both optimisers. The phases are named for the step profile.
     */
    private StepResult step(ByteBuffer batch, int[] labels, float noiseStd) {
        phases.startStep();
        try (NDManager step = models.generatorManager().newSubManager(device)) {
            Inputs in = inputs(step, batch, labels);
            GeneratorUpdate g = updateGenerator(in, noiseStd);
            DiscriminatorUpdate d = updateDiscriminator(in, g.fake(), noiseStd);
            generatorTrainer.step();
            phases.phaseEnded("G optimiser (Adam)");
            discriminatorTrainer.step();
            phases.phaseEnded("D optimiser (Adam)");
            phases.arraysMade(step.getManagedArrays().size());
            return new StepResult(g.loss(), d.loss(), d.dReal(), d.dFake());
        } finally {
            phases.phaseEnded("free the step's arrays");
        }
    }

    /** A step's real images, its latents (with the one-hot classes joined for a conditional model) and those classes. */
    private record Inputs(NDArray real, NDArray z, NDArray classes) {}

    private Inputs inputs(NDManager step, ByteBuffer batch, int[] labels) {
        int b = config.batchSize();
        NDArray real = step.create(batch, DcganModels.discriminatorInput(b), DataType.FLOAT32).toDevice(device, false);
        phases.phaseEnded("data: real batch to the engine");
        ModelConfig model = config.model();
        NDArray z = step.randomNormal(0f, 1f, new Shape(b, model.latentSize()), DataType.FLOAT32);
        // a conditional model: G draws the real batch's classes, D is told each image's class
        NDArray y = model.conditional()
                ? step.create(OneHot.encode(labels, b, model.classes()), new Shape(b, model.classes())).toDevice(device, false)
                : null;
        if (y != null) {
            z = z.concat(y, 1);
        }
        phases.phaseEnded("noise: latents");
        return new Inputs(real, z, y);
    }

    private record GeneratorUpdate(float loss, NDArray fake) {}

    /** G's loss on D's verdict (D frozen) and its gradients; the generated images, detached, for D's update. */
    private GeneratorUpdate updateGenerator(Inputs in, float noiseStd) {
        setDiscriminatorTrainable(false);
        try (GradientCollector collector = generatorTrainer.newGradientCollector()) {
            NDArray generated = generatorTrainer.forward(new NDList(in.z())).singletonOrThrow();
            phases.phaseEnded("G forward");
            NDArray logits = discriminatorTrainer.forward(judged(withNoise(generated, noiseStd), in.classes())).singletonOrThrow();
            phases.phaseEnded("D forward on G(z) (frozen D)");
            NDArray g = loss.generator(logits);
            phases.phaseEnded("G loss");
            collector.backward(g);
            phases.phaseEnded("G backward (through D)");
            return new GeneratorUpdate(g.getFloat(), generated.stopGradient());
        } finally {
            setDiscriminatorTrainable(true);
            phases.phaseEnded("read G loss, freeze/unfreeze D");
        }
    }

    private record DiscriminatorUpdate(float loss, float dReal, float dFake) {}

    /** D's loss on real and on generated images, its gradients, and its mean verdicts D(x) and D(G(z)). */
    private DiscriminatorUpdate updateDiscriminator(Inputs in, NDArray fake, float noiseStd) {
        try (GradientCollector collector = discriminatorTrainer.newGradientCollector()) {
            NDArray realLogits = discriminatorTrainer.forward(judged(withNoise(in.real(), noiseStd), in.classes())).singletonOrThrow();
            phases.phaseEnded("D forward on real");
            NDArray fakeLogits = discriminatorTrainer.forward(judged(withNoise(fake, noiseStd), in.classes())).singletonOrThrow();
            phases.phaseEnded("D forward on detached G(z)");
            NDArray d = loss.discriminator(realLogits, fakeLogits);
            phases.phaseEnded("D loss");
            collector.backward(d);
            phases.phaseEnded("D backward");
            return new DiscriminatorUpdate(d.getFloat(), Activation.sigmoid(realLogits).mean().getFloat(),
                    Activation.sigmoid(fakeLogits).mean().getFloat());
        } finally {
            phases.phaseEnded("read D loss, D(x), D(G(z))");
        }
    }

    /** D's inputs: the images, and their one-hot labels for a conditional model (null: none). */
    private static NDList judged(NDArray images, NDArray labels) {
        return labels == null ? new NDList(images) : new NDList(images, labels);
    }

    private static NDArray withNoise(NDArray images, float std) {
        if (std <= 0) {
            return images;
        }
        return images.add(images.getManager().randomNormal(0f, std, images.getShape(), DataType.FLOAT32, images.getDevice()));
    }

    /** Freezes D for the generator's pass; only its trainable parameters are touched. */
    private void setDiscriminatorTrainable(boolean trainable) {
        for (Parameter p : models.discriminatorTrainable) {
            p.freeze(!trainable);
        }
    }

    private void checkFinite(float value, String what, int epoch, int step) {
        if (!Float.isFinite(value)) {
            stopRequested = true;
            throw new NonFiniteLossException(what, epoch, step, lastCheckpoint == null ? null : lastCheckpoint.dir());
        }
    }

    /**
     * Generates images for {@code noise} (count × latent values) with BatchNorm and everything else
     * in inference mode.
     *
     * @return count × 28 × 28 values in [-1, 1]
     */
    public float[] generate(float[] noise, int count) {
        return models.inference.generate(noise, count);
    }

    /** As {@link #generate}, with the averaged generator (the raw one when the run keeps no average). */
    public float[] generateAveraged(float[] noise, int count) {
        return models.served().generate(noise, count);
    }

    public String runId() {
        return runId;
    }

    public GanConfig config() {
        return config;
    }

    public Device device() {
        return device;
    }

    /** The epoch the next call to {@link #train()} starts with. */
    public int nextEpoch() {
        return nextEpoch;
    }

    public long globalStep() {
        return globalStep;
    }

    public int stepsPerEpoch() {
        return sampler.batchesPerEpoch();
    }

    /** The generator a server would serve, as an image generator (conditional when the model is). */
    public io.digitgan.core.model.ImageGenerator servedImageGenerator() {
        return models.served();
    }

    /** The fixed noise batch of the sample grids (a copy). */
    public float[] fixedNoise() {
        return fixedNoise.clone();
    }

    public Block generatorBlock() {
        return models.generator;
    }

    public Block discriminatorBlock() {
        return models.discriminator;
    }

    /** The averaged generator, or null when the run keeps none. */
    public Block averagedGeneratorBlock() {
        return models.average == null ? null : models.average.block();
    }

    /** Arrays held by the long-lived model managers: constant from step to step unless something leaks. */
    public int managedArrayCount() {
        return models.managedArrayCount();
    }

    public Path lastCheckpointDir() {
        return lastCheckpoint == null ? null : lastCheckpoint.dir();
    }

    static float[] gaussian(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    @Override
    public void close() {
        models.close();
    }
}
