package io.digitgan.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Quality figures of generated samples, measured with the MNIST evaluator against the 10,000
 * MNIST test images.
 *
 * @param fid Fréchet distance in the MNIST evaluator's feature space (FID-MNIST; lower is better)
 * @param mnistScore exp(E KL(p(y|x) || p(y))), between 1 and 10 (higher is better)
 * @param classCoverage share of each digit among the samples ("0".."9"), by the evaluator's label
 * @param digitsCovered digits with at least half their fair share (0.05): 10 means no mode collapse
 * @param samples generated images measured
 * @param seconds wall time of the measurement (generating included)
 * @param evaluator version of the evaluator network, e.g. {@code lenet-v1}
 * @param floor the same figures for real training images at the same sample count: the best a
 *     generator can hope for
 * @param trackingFid FID on the run's per-epoch sample count (the first of these samples, drawn
 *     from the same noise every epoch): FID falls as samples grow, so a larger final measurement
 *     is compared with the others through this one
 * @param classAccuracy for a conditional generator: the share of its samples (the classes drawn in
 *     equal numbers) that the evaluator reads as the class asked for; absent for an unconditional one
 * @param classAccuracyByClass the same share for each class ("0".."9")
 * @param confusion for a conditional generator: for each class asked ("0".."9"), the share of its
 *     samples the evaluator reads as each class; the diagonal is classAccuracyByClass
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Quality(
        Double fid,
        Double mnistScore,
        Map<String, Double> classCoverage,
        Integer digitsCovered,
        Integer samples,
        Double seconds,
        String evaluator,
        Floor floor,
        Double trackingFid,
        Double classAccuracy,
        Map<String, Double> classAccuracyByClass,
        Map<String, Map<String, Double>> confusion) {

    /** Figures without a confusion matrix (events of producers before it). */
    public Quality(Double fid, Double mnistScore, Map<String, Double> classCoverage, Integer digitsCovered,
            Integer samples, Double seconds, String evaluator, Floor floor, Double trackingFid, Double classAccuracy,
            Map<String, Double> classAccuracyByClass) {
        this(fid, mnistScore, classCoverage, digitsCovered, samples, seconds, evaluator, floor, trackingFid, classAccuracy,
                classAccuracyByClass, null);
    }

    /**
     * Figures of real images: the reference a result is read against.
     *
     * @param classAccuracy the evaluator's accuracy on the 10,000 real test images: the most a
     *     conditional generator's class accuracy can be read against
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Floor(Double fid, Double mnistScore, Integer digitsCovered, Double classAccuracy) {

        public Floor(Double fid, Double mnistScore, Integer digitsCovered) {
            this(fid, mnistScore, digitsCovered, null);
        }
    }

    /** Figures of an unconditional generator (no class accuracy). */
    public Quality(Double fid, Double mnistScore, Map<String, Double> classCoverage, Integer digitsCovered,
            Integer samples, Double seconds, String evaluator, Floor floor, Double trackingFid) {
        this(fid, mnistScore, classCoverage, digitsCovered, samples, seconds, evaluator, floor, trackingFid, null, null, null);
    }

    /** Only the three headline figures (events of older producers carry no more). */
    public Quality(Double fid, Double mnistScore, Map<String, Double> classCoverage) {
        this(fid, mnistScore, classCoverage, null, null, null, null, null, null);
    }

    /**
     * The figures of the weights a server serves by default: the averaged generator's when they
     * were measured, else the raw generator's (either may be null).
     */
    public static Quality served(Quality raw, Quality averaged) {
        return averaged != null ? averaged : raw;
    }

    /** The FID to rank checkpoints of one run by: {@code trackingFid} when present, else {@code fid}. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public Double comparableFid() {
        return trackingFid != null ? trackingFid : fid;
    }
}
