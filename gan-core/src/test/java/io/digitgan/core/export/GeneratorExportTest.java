package io.digitgan.core.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import io.digitgan.core.engine.DjlEngine;
import io.digitgan.core.model.DcganModels;
import io.digitgan.core.model.ModelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorExportTest {

    @Test
    void everyParameterGetsItsPytorchNameAndSurvivesTheFile(@TempDir Path dir) throws Exception {
        DjlEngine.start(2);
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock g = DcganModels.generator(ModelConfig.original(0.25));
            g.initialize(manager, DataType.FLOAT32, new Shape(2, 100));
            Map<String, Safetensors.Tensor> tensors = GeneratorExport.tensors(g);
            assertEquals(List.of("0.weight", "1.weight", "1.bias", "1.running_mean", "1.running_var", "4.weight",
                    "5.weight", "5.bias", "5.running_mean", "5.running_var", "7.weight", "8.weight", "8.bias",
                    "8.running_mean", "8.running_var", "10.weight"), List.copyOf(tensors.keySet()));
            assertArrayEquals(new long[] {64, 32, 5, 5}, tensors.get("4.weight").shape(), "ConvTranspose2d's (in, out, k, k)");
            assertArrayEquals(new long[] {64 * 49, 100}, tensors.get("0.weight").shape(), "Linear's (out, in)");
            assertEquals(DcganModels.count(g).total(), tensors.values().stream().mapToLong(t -> t.values().length).sum());

            Path file = dir.resolve("model.safetensors");
            Safetensors.write(file, tensors, Map.of("format", GeneratorExport.FORMAT));
            long headerLength = java.nio.ByteBuffer.wrap(Files.readAllBytes(file), 0, 8)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
            assertEquals(0, headerLength % 8, "the data starts 8-byte aligned");
            Map<String, Safetensors.Tensor> back = Safetensors.read(file);
            assertEquals(tensors.keySet(), back.keySet());
            for (String name : tensors.keySet()) {
                assertArrayEquals(tensors.get(name).shape(), back.get(name).shape(), name);
                assertArrayEquals(tensors.get(name).values(), back.get(name).values(), name);
            }
        }
    }

    @Test
    void aTensorMustFillItsShape() {
        assertThrows(IllegalArgumentException.class, () -> new Safetensors.Tensor(new long[] {2, 3}, new float[5]));
    }
}
