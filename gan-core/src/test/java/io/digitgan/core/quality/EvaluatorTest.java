package io.digitgan.core.quality;

import io.digitgan.core.model.ImageGenerator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.digitgan.core.data.MnistDataset;
import io.digitgan.events.Quality;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real evaluator on the real MNIST files. */
class EvaluatorTest {

    static QualityMeter meter;
    static MnistDataset test;
    static MnistDataset train;

    @BeforeAll
    static void load() throws IOException {
        meter = TestEvaluator.meter();
        test = MnistDataset.load(TestEvaluator.mnistDir(), MnistDataset.Split.TEST);
        train = MnistDataset.load(TestEvaluator.mnistDir(), MnistDataset.Split.TRAIN);
    }

    @Test
    void classifiesAtLeast99PercentOfTheTestImages() throws IOException {
        double accuracy = meter.evaluator().accuracy(test); // measured now, not read from the manifest
        assertTrue(accuracy >= 0.99, "test accuracy " + accuracy);
        assertEquals(accuracy, TestEvaluator.store().manifest().testAccuracy(), 1e-9);
    }

    @Test
    void realImagesScoreNearTheFloorAndCoverEveryDigit() {
        Quality floor = new Quality(meter.floor().fid(), meter.floor().mnistScore(), null);
        assertTrue(floor.fid() < 3, "floor FID " + floor.fid());
        assertTrue(floor.mnistScore() > 9, "floor score " + floor.mnistScore());
        assertEquals(10, meter.floor().digitsCovered());
        // 2,000 other real images, drawn at random like the floor's: near the floor at 2,000 samples
        int[] order = EvaluatorStore.realImageOrder(train.size());
        Quality real = meter.measureImages(Evaluator.images(train, order, EvaluatorStore.FLOOR_IMAGES, 2_000), 2_000);
        assertEquals(meter.floor(2_000), real.floor());
        assertTrue(real.floor().fid() > floor.fid(), "fewer samples, larger FID: " + real.floor().fid());
        assertTrue(real.fid() < 1.5 * real.floor().fid() + 0.5, "FID of real images " + real.fid() + " vs " + real.floor());
        assertTrue(real.mnistScore() > 9, "score of real images " + real.mnistScore());
        assertEquals(10, real.digitsCovered());
        assertEquals(2_000, real.samples());
        assertEquals(io.digitgan.core.data.Dataset.MNIST.evaluatorVersion(), real.evaluator());
    }

    @Test
    void aCollapsedGeneratorIsCaughtByEveryFigure() {
        // 2,000 images drawn from the 1s of the test set only: mode collapse onto one digit
        float[] images = new float[2_000 * Evaluator.PIXELS];
        int n = 0;
        for (int i = 0; i < test.size() && n < 2_000; i++) {
            if (test.label(i) == 1) {
                test.copyScaled(i, images, n++ * Evaluator.PIXELS);
            }
        }
        Quality collapsed = meter.measureImages(images, n);
        assertTrue(collapsed.fid() > 10 * collapsed.floor().fid(), "FID " + collapsed.fid() + " vs " + collapsed.floor());
        assertTrue(collapsed.mnistScore() < 1.5, "score " + collapsed.mnistScore());
        assertEquals(1, collapsed.digitsCovered());
        assertTrue(collapsed.classCoverage().get("1") > 0.98);
    }

    /** A "conditional generator" that answers each asked class with a real test image of the class {@code shift} above it. */
    static ImageGenerator realDigits(MnistDataset data, int shift) {
        return new ImageGenerator() {
            @Override
            public float[] generate(float[] noise, int count) {
                return generate(noise, ImageGenerator.balancedLabels(count, 10), count);
            }

            @Override
            public int classes() {
                return 10;
            }

            @Override
            public float[] generate(float[] noise, int[] labels, int count) {
                float[] images = new float[count * Evaluator.PIXELS];
                int[] next = new int[10];
                for (int i = 0; i < count; i++) {
                    int wanted = (labels[i] + shift) % 10;
                    int index = next[wanted];
                    while (data.label(index) != wanted) {
                        index++;
                    }
                    next[wanted] = index + 1;
                    data.copyScaled(index, images, i * Evaluator.PIXELS);
                }
                return images;
            }
        };
    }

    @Test
    void classAccuracyIsTheShareOfAskedDigitsReadAsAsked() {
        Quality right = meter.measure(realDigits(test, 0), 100, 2_000, 3);
        assertTrue(right.classAccuracy() >= 0.98, "real digits of the asked class: " + right.classAccuracy());
        assertEquals(10, right.classAccuracyByClass().size());
        right.classAccuracyByClass().forEach((digit, share) -> assertTrue(share >= 0.95, digit + ": " + share));
        assertTrue(right.floor().classAccuracy() >= 0.99, "the evaluator's test accuracy beside it");
        Quality wrong = meter.measure(realDigits(test, 3), 100, 2_000, 3);
        assertTrue(wrong.classAccuracy() <= 0.02, "each asked class answered with another: " + wrong.classAccuracy());
        assertEquals(right.fid(), wrong.fid(), 1e-3, "the same images in another order: FID cannot tell");
        Quality unconditional = meter.measure((z, count) -> realDigits(test, 0).generate(z, count), 100, 500, 3);
        assertEquals(null, unconditional.classAccuracy(), "no class was asked of an unconditional generator");
    }

    @Test
    void noiseIsFarFromDigits() {
        java.util.Random random = new java.util.Random(5);
        Quality noise = meter.measure((z, count) -> {
            float[] out = new float[count * Evaluator.PIXELS];
            for (int i = 0; i < out.length; i++) {
                out[i] = random.nextFloat() * 2 - 1;
            }
            return out;
        }, 100, 1_000, 1);
        assertTrue(noise.fid() > 20 * noise.floor().fid(), "FID of noise " + noise.fid() + " vs " + noise.floor());
    }

    @Test
    void aLargerMeasurementReportsTheFidOfItsFirstSamplesForComparison() {
        // a deterministic "generator": each image a function of its noise
        ImageGenerator generator = (z, count) -> {
            float[] out = new float[count * Evaluator.PIXELS];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) Math.tanh(z[(i / Evaluator.PIXELS) * 100 + i % 100] + (i % 28) / 14.0 - 1);
            }
            return out;
        };
        Quality small = meter.measure(generator, 100, 400, 9);
        Quality large = meter.measure(generator, 100, 1_200, 9, 400);
        assertEquals(small.fid(), large.trackingFid(), 1e-9, "the first 400 of 1,200 are the 400 drawn alone");
        assertEquals(small.fid(), small.trackingFid());
        org.junit.jupiter.api.Assertions.assertNotEquals(large.fid(), large.trackingFid(), "fid is on all 1,200");
        assertEquals(large.trackingFid(), large.comparableFid());
    }

    @Test
    void aChangedArtifactIsRefused(@TempDir Path dir) throws IOException {
        EvaluatorStore copy = new EvaluatorStore(dir);
        Files.createDirectories(copy.dir());
        for (String file : new String[] {EvaluatorStore.PARAMETERS, EvaluatorStore.REFERENCE, EvaluatorStore.REAL,
                EvaluatorManifest.FILE_NAME}) {
            Files.copy(TestEvaluator.store().dir().resolve(file), copy.dir().resolve(file));
        }
        copy.load(Device.cpu()).close(); // the copy as it is loads
        try (RandomAccessFile f = new RandomAccessFile(copy.dir().resolve(EvaluatorStore.REAL).toFile(), "rw")) {
            f.seek(100);
            int b = f.read();
            f.seek(100);
            f.write(b ^ 0x40);
        }
        IOException e = assertThrows(IOException.class, () -> copy.load(Device.cpu()));
        assertTrue(e.getMessage().contains("sha256"), e.getMessage());
    }

    @Test
    void theShippedArtifactInstallsVerifiedAndIsTheOneTheTestsMeasure(@TempDir Path dir) throws IOException {
        EvaluatorStore fresh = new EvaluatorStore(dir);
        assertTrue(fresh.installShipped());
        fresh.load(Device.cpu()).close(); // every file checked against the manifest's sha256
        EvaluatorManifest shipped = fresh.manifest();
        assertEquals(shipped, TestEvaluator.store().manifest(), "the tests measure the shipped artifact");
        assertTrue(shipped.testAccuracy() >= 0.99, "shipped accuracy " + shipped.testAccuracy());
    }

    @Test
    void trainingIsDeterministicSoTheShippedArtifactCanBeRetrained(@TempDir Path dir) throws IOException {
        // the full training takes minutes: two short ones show that the same options give the same bytes
        EvaluatorTrainer.Options options = EvaluatorTrainer.Options.standard().withEpochs(1).withMaxImages(1_024);
        byte[][] params = new byte[2][];
        for (int i = 0; i < 2; i++) {
            Path file = dir.resolve("evaluator-" + i + ".params");
            try (var out = new java.io.DataOutputStream(Files.newOutputStream(file))) {
                EvaluatorTrainer.train(train, options, Device.cpu(), out);
            }
            params[i] = Files.readAllBytes(file);
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(params[0], params[1]);
    }

    @Test
    void aMissingArtifactSaysHowToMakeIt(@TempDir Path dir) {
        IOException e = assertThrows(EvaluatorMissingException.class, () -> new EvaluatorStore(dir).load(Device.cpu()));
        assertTrue(e.getMessage().contains("scripts/train-evaluator.sh"), e.getMessage());
    }
}
