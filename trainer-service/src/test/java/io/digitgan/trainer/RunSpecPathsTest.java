package io.digitgan.trainer;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.digitgan.cli.DigitGanCli;
import io.digitgan.cli.TrainCommand;
import io.digitgan.core.checkpoint.Json;
import io.digitgan.core.config.GanConfig;
import io.digitgan.core.sweep.SweepFile;
import io.digitgan.kafka.QuarkusKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One run spec, three ways in: the trainer's {@code POST /api/v1/runs}, the {@code train}
 * command's options and a sweep file's entry make the same config of the same values.
 */
@QuarkusTest
@QuarkusTestResource(QuarkusKafkaResource.class)
@QuarkusTestResource(FreshCheckpointDir.class)
class RunSpecPathsTest {

    @Test
    void theApiTheCommandLineAndASweepEntryMakeTheSameConfig() throws Exception {
        TrainerServiceTest.start(Map.ofEntries(Map.entry("runId", "same-run"), Map.entry("profile", "smoke"),
                Map.entry("epochs", 1), Map.entry("width", 0.25), Map.entry("discriminatorWidth", 0.5),
                Map.entry("batchSize", 32), Map.entry("maxImages", 64), Map.entry("seed", 11),
                Map.entry("generatorLearningRate", 3e-4), Map.entry("loss", "hinge"), Map.entry("emaDecay", 0.99),
                Map.entry("conditioning", "label-maps"), Map.entry("dataset", "mnist"), Map.entry("noiseEpochs", 1),
                Map.entry("sampleEvery", 1), Map.entry("checkpointEvery", 1)));
        String record = given().get("/api/v1/runs/same-run").then().statusCode(200).contentType(ContentType.JSON)
                .extract().asString(); // read whole: RestAssured's own paths read numbers as floats
        GanConfig api = Json.MAPPER.treeToValue(Json.MAPPER.readTree(record).get("config"), GanConfig.class);
        TrainerServiceTest.awaitStatus("same-run", "COMPLETED");

        var parsed = DigitGanCli.commandLine().parseArgs("train", "--run-id", "same-run", "--profile", "smoke",
                "--epochs", "1", "--width", "0.25", "--discriminator-width", "0.5", "--batch-size", "32",
                "--max-images", "64", "--seed", "11", "--lr-g", "3e-4", "--loss", "hinge", "--ema-decay", "0.99",
                "--conditioning", "label-maps", "--dataset", "mnist", "--noise-epochs", "1", "--sample-every", "1",
                "--checkpoint-every", "1");
        GanConfig cli = ((TrainCommand) parsed.subcommand().commandSpec().userObject()).config();

        GanConfig sweep = SweepFile.parse(String.join("\n", "name: same",
                "base: {profile: smoke, epochs: 1, discriminatorWidth: 0.5, batchSize: 32, maxImages: 64,",
                "       generatorLearningRate: 3.0e-4, loss: hinge, emaDecay: 0.99, dataset: mnist, noiseEpochs: 1,",
                "       sampleEvery: 1, checkpointEvery: 1}",
                "grid: {width: [0.25]}",
                "runs: [{conditioning: label-maps}]",
                "seeds: [11]"), "same.yaml").entry(0).config();

        assertEquals(api, cli, "the command line makes the API's run");
        assertEquals(api, sweep, "a sweep entry makes the API's run");
        assertEquals(0.5, api.model().discriminatorWidth());
        assertEquals(io.digitgan.core.model.Conditioning.LABEL_MAPS, api.model().conditioning(), "a field given takes effect");
    }
}
