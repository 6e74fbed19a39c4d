package io.digitgan.core.train;

/**
 * Figures of one training step.
 *
 * @param epoch 1-based epoch
 * @param step 1-based step within the epoch
 * @param stepsPerEpoch full batches per epoch
 * @param globalStep steps since the run began, across resumes
 * @param genLoss generator loss (BCE of D(G(z)) against the generator target)
 * @param discLoss discriminator loss (real BCE + fake BCE)
 * @param dReal mean sigmoid D(x) on real images
 * @param dFake mean sigmoid D(G(z)) on generated images
 * @param noiseStd instance-noise std of this epoch
 * @param imagesPerSecond real images trained on per second, over the epoch so far
 * @param stepMillis wall time of this step
 */
public record StepMetrics(
        int epoch,
        int step,
        int stepsPerEpoch,
        long globalStep,
        double genLoss,
        double discLoss,
        double dReal,
        double dFake,
        double noiseStd,
        double imagesPerSecond,
        double stepMillis) {}
