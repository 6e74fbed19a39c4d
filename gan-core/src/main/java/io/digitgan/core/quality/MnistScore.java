package io.digitgan.core.quality;

/**
 * The Inception score with the MNIST evaluator: exp(E_x KL(p(y|x) ‖ p(y))). 1 when every image
 * gets the same label distribution; 10 when each image is one sure digit and the ten digits are
 * equally common.
 */
public final class MnistScore {

    private MnistScore() {}

    /** @param probabilities count × classes softmax outputs, one row per image */
    public static double of(float[] probabilities, int count, int classes) {
        double[] marginal = new double[classes];
        for (int i = 0; i < count; i++) {
            for (int c = 0; c < classes; c++) {
                marginal[c] += probabilities[i * classes + c];
            }
        }
        for (int c = 0; c < classes; c++) {
            marginal[c] /= count;
        }
        double meanKl = 0;
        for (int i = 0; i < count; i++) {
            for (int c = 0; c < classes; c++) {
                double p = probabilities[i * classes + c];
                if (p > 0) {
                    meanKl += p * (Math.log(p) - Math.log(marginal[c]));
                }
            }
        }
        return Math.exp(meanKl / count);
    }
}
