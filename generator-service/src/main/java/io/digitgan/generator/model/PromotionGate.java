package io.digitgan.generator.model;

import io.digitgan.events.Quality;
import io.digitgan.generator.GeneratorSettings;
import java.util.Optional;

/**
 * Whether a newly announced checkpoint may replace the one being served. {@code newest} (the
 * default) always lets it; {@code gated} lets it only when its measured quality is not worse than
 * the served one's by more than a margin: FID (compared at the run's own sample count, lower is
 * better) and, for a conditional model, the share of samples the evaluator reads as the asked
 * class. A GAN can get worse late in a run, and every checkpoint arrives with its figures: no
 * other serving system can gate a reload on the model's own quality.
 */
public final class PromotionGate {

    private final GeneratorSettings.Policy policy;
    private final double fidMargin;
    private final double accuracyMargin;

    public PromotionGate(GeneratorSettings.Policy policy, double fidMargin, double accuracyMargin) {
        this.policy = policy;
        this.fidMargin = fidMargin;
        this.accuracyMargin = accuracyMargin;
    }

    public static PromotionGate of(GeneratorSettings.Promotion settings) {
        return new PromotionGate(settings.policy(), settings.fidMargin(), settings.accuracyMargin());
    }

    public GeneratorSettings.Policy policy() {
        return policy;
    }

    /**
     * Why {@code candidate} must wait, or empty when it may be served.
     *
     * @param candidate the figures of the announced checkpoint's served weights (null: not measured)
     * @param serving the figures of what is served now (null: nothing served, or not measured)
     */
    public Optional<String> holdBack(Quality candidate, Quality serving) {
        if (policy == GeneratorSettings.Policy.NEWEST || serving == null || serving.comparableFid() == null) {
            return Optional.empty(); // nothing to compare against: the first measured one sets the bar
        }
        double servedFid = serving.comparableFid();
        if (candidate == null || candidate.comparableFid() == null) {
            return Optional.of(String.format("not measured: no FID to compare with the served %.2f", servedFid));
        }
        double fid = candidate.comparableFid();
        if (fid > servedFid * (1 + fidMargin)) {
            return Optional.of(String.format("FID %.2f is worse than the served %.2f by more than %.0f %%", fid, servedFid,
                    fidMargin * 100));
        }
        if (candidate.classAccuracy() != null && serving.classAccuracy() != null
                && candidate.classAccuracy() < serving.classAccuracy() - accuracyMargin) {
            return Optional.of(String.format("class accuracy %.2f %% is below the served %.2f %% by more than %.2f points",
                    candidate.classAccuracy() * 100, serving.classAccuracy() * 100, accuracyMargin * 100));
        }
        return Optional.empty();
    }
}
