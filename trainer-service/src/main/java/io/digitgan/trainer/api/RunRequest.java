package io.digitgan.trainer.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import io.digitgan.events.EventJson;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /api/v1/runs}: a profile and the values to change on top of it; every
 * field is optional. The limits are those of {@code GanConfig} and {@code ModelConfig}, here so
 * that OpenAPI shows them and a violation is a 400 that names the field.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A run: a profile and overrides on top of it")
public record RunRequest(
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}", message = "must be 1-64 letters, digits, '.', '_' or '-'")
        @Schema(description = "the run's id (default: generated)") String runId,
        @Pattern(regexp = "original|cpu|smoke", message = "must be one of original, cpu, smoke")
        @Schema(description = "the recipe to start from (default: digitgan.training.profile)") String profile,
        @Min(1) @Max(100_000) Integer epochs,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("4") Double width,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("4") Double discriminatorWidth,
        @Min(1) @Max(65_536) Integer batchSize,
        @Min(0) @Schema(description = "0: the whole training set") Integer maxImages,
        Long seed,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double generatorLearningRate,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double discriminatorLearningRate,
        @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double beta1,
        @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double beta2,
        @DecimalMin("0") @DecimalMax("1") Double realLabel,
        @DecimalMin("0") @DecimalMax("10") Double noiseStart,
        @DecimalMin("0") @DecimalMax("10") Double noiseEnd,
        @Min(0) @Schema(description = "epochs over which the noise decays (0: the whole run)") Integer noiseEpochs,
        @Min(1) Integer sampleEvery,
        @Min(1) Integer checkpointEvery,
        @Min(1) @Max(4096) Integer latentSize,
        @Pattern(regexp = "bce|hinge|lsgan", message = "must be one of bce, hinge, lsgan") String loss,
        @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) @Schema(description = "0: no averaged generator")
        Double emaDecay,
        @DecimalMin("0") @DecimalMax("1000000") @Schema(description = "time budget (0: none)") Double maxMinutes,
        @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double dropout,
        @Schema(description = "a conditional model: a digit can be asked for (default: digitgan.model.conditional)")
        Boolean conditional,
        @Pattern(regexp = "projection|label-maps", message = "must be one of projection, label-maps")
        @Schema(description = "how the discriminator is told the label (projection)") String conditioning,
        @Pattern(regexp = "mnist|fashion-mnist", message = "must be one of mnist, fashion-mnist")
        @Schema(description = "the images to learn (default: digitgan.data.dataset)") String dataset) {

    /** The fields given, by name: what {@code ConfigOverrides} applies to the profile. */
    public Map<String, Object> overrides() {
        return EventJson.mapper().convertValue(this, new TypeReference<Map<String, Object>>() {});
    }
}
