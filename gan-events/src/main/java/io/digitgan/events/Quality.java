package io.digitgan.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Quality figures of generated samples, when computed.
 *
 * @param fid Fréchet distance in the MNIST evaluator's feature space (lower is better)
 * @param mnistScore exp(E KL(p(y|x) || p(y))), at most 10
 * @param classCoverage share of each digit among the samples ("0".."9")
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Quality(Double fid, Double mnistScore, Map<String, Double> classCoverage) {}
