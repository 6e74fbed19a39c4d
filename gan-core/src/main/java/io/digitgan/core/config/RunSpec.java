package io.digitgan.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.digitgan.core.data.Dataset;
import io.digitgan.core.model.Conditioning;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.lang.reflect.RecordComponent;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a user asks of a run: a profile and the values to change on top of it, every one optional.
 * The one declaration of a run's options: the trainer's {@code POST /api/v1/runs} takes it as its
 * body, the {@code train} command's options are its fields (kebab case), a sweep's entries are
 * read into it; {@link #toConfig(Defaults)} turns it into the {@link GanConfig} it trains. The
 * constraints are checked by the REST layer ({@code @Valid}) and by {@link #toConfig(Defaults)}
 * (through {@link RunSpecValidator}) on every other path; the descriptions are the API's schema and
 * the command's help.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A run: a profile and overrides on top of it; every field is optional")
public record RunSpec(
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}", message = "must be 1-64 letters, digits, '.', '_' or '-'")
        @Schema(description = "the run's id (default: generated)") String runId,
        @Schema(description = "the recipe to start from: original (the report's, 150 epochs), cpu (digits in ten"
                + " minutes on 2 cores) or smoke (tiny)") Profile profile,
        @Min(1) @Max(100_000) @Schema(description = "passes over the training images") Integer epochs,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("4")
        @Schema(description = "channel width multiplier, e.g. 0.5") Double width,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("4")
        @Schema(description = "the discriminator's width alone (default: width)") Double discriminatorWidth,
        @Min(1) @Max(65_536) @Schema(description = "images per step") Integer batchSize,
        @Min(0) @Schema(description = "train on the first N images only (0: all)") Integer maxImages,
        @Schema(description = "seed of everything random in the run (default: random, recorded)") Long seed,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("1")
        @Schema(description = "Adam learning rate of the generator") Double generatorLearningRate,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("1")
        @Schema(description = "Adam learning rate of the discriminator") Double discriminatorLearningRate,
        @DecimalMin("0") @DecimalMax(value = "1", inclusive = false)
        @Schema(description = "Adam's first moment decay, for both players") Double beta1,
        @DecimalMin("0") @DecimalMax(value = "1", inclusive = false)
        @Schema(description = "Adam's second moment decay, for both players") Double beta2,
        @DecimalMin("0") @DecimalMax("1")
        @Schema(description = "D's target for real images (0.9: one-sided label smoothing; 1: none)") Double realLabel,
        @DecimalMin("0") @DecimalMax("10") @Schema(description = "instance-noise std at the first epoch") Double noiseStart,
        @DecimalMin("0") @DecimalMax("10") @Schema(description = "instance-noise std at the end of its decay") Double noiseEnd,
        @Min(0) @Schema(description = "epochs over which the noise decays (0: the whole run)") Integer noiseEpochs,
        @Min(1) @Schema(description = "sample grid every N epochs, and at the first and the last") Integer sampleEvery,
        @Min(1) @Schema(description = "checkpoint every N epochs, and at the last") Integer checkpointEvery,
        @Min(1) @Max(4096) @Schema(description = "size of the generator's noise vector") Integer latentSize,
        @Schema(description = "the adversarial loss: bce (the report's), hinge or lsgan") Loss loss,
        @DecimalMin("0") @DecimalMax(value = "1", inclusive = false)
        @Schema(description = "keep an averaged generator with this decay (0: none)") Double emaDecay,
        @DecimalMin("0") @DecimalMax("1000000")
        @Schema(description = "time budget in minutes: as many epochs as fit (0: none)") Double maxMinutes,
        @DecimalMin("0") @DecimalMax(value = "1", inclusive = false)
        @Schema(description = "dropout rate of the discriminator") Double dropout,
        @Schema(description = "a conditional model: G and D are told the class, so one can be asked for") Boolean conditional,
        @Schema(description = "how D is told the class: projection or label-maps") Conditioning conditioning,
        @Schema(description = "the images to learn: mnist or fashion-mnist") Dataset dataset) {

    /** The field names, in declaration order: the API's body fields, the sweep's keys. */
    public static final List<String> FIELDS =
            Arrays.stream(RunSpec.class.getRecordComponents()).map(RecordComponent::getName).toList();

    /** A spec that asks for nothing: the defaults' run. */
    public static RunSpec empty() {
        return new RunSpec(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null);
    }

    /** A spec that asks only for this many epochs (a service's run at boot). */
    public static RunSpec ofEpochs(int epochs) {
        return new RunSpec(null, null, epochs, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * What a run that does not say takes: the deployment's profile, checkpoint interval, dataset and
     * conditioning (the {@code train} command's own, or the trainer's {@code digitgan.*} settings).
     */
    public record Defaults(Profile profile, int checkpointEvery, Dataset dataset, boolean conditional,
            Conditioning conditioning) {

        /** The command line's: the original recipe, a checkpoint per epoch, unconditional MNIST. */
        public static Defaults original() {
            return new Defaults(Profile.ORIGINAL, 1, Dataset.MNIST, false, null);
        }
    }

    /** This spec under another run id (a sweep names its runs). */
    public RunSpec withRunId(String id) {
        return new RunSpec(id, profile, epochs, width, discriminatorWidth, batchSize, maxImages, seed, generatorLearningRate,
                discriminatorLearningRate, beta1, beta2, realLabel, noiseStart, noiseEnd, noiseEpochs, sampleEvery,
                checkpointEvery, latentSize, loss, emaDecay, maxMinutes, dropout, conditional, conditioning, dataset);
    }

    /** The profile asked for, else the default's. */
    public Profile profileOr(Defaults defaults) {
        return profile != null ? profile : defaults.profile();
    }

    /**
     * The config this spec trains: the profile's recipe, the defaults where the spec is silent, the
     * spec's values on top. A missing seed is drawn (and recorded in the config).
     *
     * @throws IllegalArgumentException naming every value out of its range
     */
    public GanConfig toConfig(Defaults defaults) {
        RunSpecValidator.check(this);
        boolean isConditional = conditional != null ? conditional : conditioning != null || defaults.conditional();
        if (!isConditional && conditioning != null) {
            throw new IllegalArgumentException("conditioning '" + conditioning + "' needs conditional true");
        }
        GanConfig.Builder b = GanConfig.profile(profileOr(defaults)).toBuilder().checkpointEvery(defaults.checkpointEvery());
        ifGiven(latentSize, b::latentSize);
        ifGiven(width, b::width);
        ifGiven(epochs, b::epochs);
        ifGiven(batchSize, b::batchSize);
        ifGiven(maxImages, b::maxImages);
        ifGiven(generatorLearningRate, b::generatorLearningRate);
        ifGiven(discriminatorLearningRate, b::discriminatorLearningRate);
        ifGiven(noiseStart, b::noiseStart);
        ifGiven(noiseEnd, b::noiseEnd);
        ifGiven(sampleEvery, b::sampleEvery);
        ifGiven(checkpointEvery, b::checkpointEvery);
        ifGiven(emaDecay, b::emaDecay);
        ifGiven(maxMinutes, b::maxMinutes);
        ifGiven(noiseEpochs, b::noiseEpochs);
        ifGiven(beta1, b::beta1);
        ifGiven(beta2, b::beta2);
        ifGiven(realLabel, b::realLabel);
        ifGiven(loss, b::loss);
        ifGiven(discriminatorWidth, b::discriminatorWidth);
        ifGiven(dropout, b::dropout);
        b.dataset(dataset != null ? dataset : defaults.dataset()); // before conditional(): the classes are the dataset's
        if (isConditional) {
            b.conditional(conditional != null || conditioning != null ? conditioning : defaults.conditioning());
        }
        return b.seed(seed != null ? seed : new SecureRandom().nextLong() & 0xFFFF_FFFFL).build();
    }

    private static <T> void ifGiven(T value, java.util.function.Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}
