package io.digitgan.core.train;

/**
 * What one training step reports.
 *
 * @param genLoss the generator's loss
 * @param discLoss the discriminator's loss (real + generated)
 * @param dReal mean sigmoid of D's logits on real images
 * @param dFake mean sigmoid of D's logits on generated images
 */
public record StepResult(float genLoss, float discLoss, float dReal, float dFake) {}
