package io.digitgan.core.quality;

import io.digitgan.events.Quality;

/**
 * {@code manifest.json} of an evaluator artifact.
 *
 * @param version the artifact's version ({@link io.digitgan.core.data.Dataset#evaluatorVersion()}); figures of different versions differ
 * @param parametersSha256 sha256 of {@code evaluator.params}
 * @param referenceSha256 sha256 of {@code reference.bin}, the Gaussian fit of the 10,000 test images' features
 * @param realSha256 sha256 of {@code real.bin}, the outputs of 10,000 training images: the floor at any sample count
 * @param testAccuracy share of the 10,000 MNIST test images classified right
 * @param trainingImages images it was trained on
 * @param trainingEpochs passes over them
 * @param trainingSeconds wall time of the training
 * @param createdAt ISO-8601 instant
 * @param floor FID-MNIST, MNIST score and coverage of 10,000 real training images against the test set
 *     (FID grows as fewer samples are measured: {@link QualityMeter} reports the floor at each measurement's count)
 */
public record EvaluatorManifest(
        String version,
        String parametersSha256,
        String referenceSha256,
        String realSha256,
        double testAccuracy,
        int trainingImages,
        int trainingEpochs,
        double trainingSeconds,
        String createdAt,
        Quality floor) {

    public static final String FILE_NAME = "manifest.json";
}
