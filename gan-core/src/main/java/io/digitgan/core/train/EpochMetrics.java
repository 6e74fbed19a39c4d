package io.digitgan.core.train;

import io.digitgan.events.Quality;

/**
 * Means over the steps of one epoch.
 *
 * @param epoch 1-based epoch that ended
 * @param epochs epochs in the run
 * @param globalStep steps since the run began
 * @param genLoss mean generator loss
 * @param discLoss mean discriminator loss
 * @param dReal mean sigmoid D(x)
 * @param dFake mean sigmoid D(G(z))
 * @param noiseStd instance-noise std of the epoch
 * @param imagesPerSecond real images per second over the epoch
 * @param epochSeconds wall time of the epoch (training steps only)
 * @param quality figures of the trained (raw) generator measured after this epoch, or null when it
 *     was not a quality epoch
 * @param emaQuality the same figures for the averaged generator, or null when the run keeps none
 */
public record EpochMetrics(
        int epoch,
        int epochs,
        long globalStep,
        double genLoss,
        double discLoss,
        double dReal,
        double dFake,
        double noiseStd,
        double imagesPerSecond,
        double epochSeconds,
        Quality quality,
        Quality emaQuality) {}
