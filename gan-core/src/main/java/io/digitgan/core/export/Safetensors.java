package io.digitgan.core.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.digitgan.core.checkpoint.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The safetensors file format (Hugging Face's): an 8-byte little-endian header length, a JSON
 * header naming each tensor's dtype, shape and byte range, then the raw little-endian data. Only
 * float32 tensors, which is all a generator has. Written by hand: the format is twenty lines, and
 * a dependency for it would be larger than the model's own code.
 */
public final class Safetensors {

    private Safetensors() {}

    /** A float32 tensor. */
    public record Tensor(long[] shape, float[] values) {
        public Tensor {
            long size = 1;
            for (long d : shape) {
                size *= d;
            }
            if (size != values.length) {
                throw new IllegalArgumentException(values.length + " values do not fill shape " + java.util.Arrays.toString(shape));
            }
        }
    }

    /** Writes {@code tensors} in their order, with string {@code metadata} in the header. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        ObjectNode header = Json.MAPPER.createObjectNode();
        header.putPOJO("__metadata__", metadata);
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", "F32");
            var shape = entry.putArray("shape");
            for (long d : e.getValue().shape()) {
                shape.add(d);
            }
            long bytes = 4L * e.getValue().values().length;
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = Json.COMPACT.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8; // the data starts 8-byte aligned; the header is padded with spaces
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (Tensor t : tensors.values()) {
            out.asFloatBuffer().put(t.values());
            out.position(out.position() + 4 * t.values().length);
        }
        Files.write(file, out.array());
    }

    /** Reads every tensor of a file written by {@link #write} (or by another float32 writer). */
    public static Map<String, Tensor> read(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = in.getLong();
        if (headerLength < 2 || headerLength > in.remaining()) {
            throw new IOException(file + " is not a safetensors file (header length " + headerLength + ")");
        }
        byte[] json = new byte[(int) headerLength];
        in.get(json);
        int dataStart = in.position();
        var header = Json.MAPPER.readTree(new String(json, StandardCharsets.UTF_8));
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = header.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            if (!e.getValue().path("dtype").asText().equals("F32")) {
                throw new IOException(e.getKey() + " is " + e.getValue().path("dtype").asText() + ", not F32");
            }
            long[] shape = new long[e.getValue().path("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = e.getValue().path("shape").get(i).asLong();
            }
            long begin = e.getValue().path("data_offsets").get(0).asLong();
            long end = e.getValue().path("data_offsets").get(1).asLong();
            float[] values = new float[(int) ((end - begin) / 4)];
            in.position(Math.toIntExact(dataStart + begin));
            in.asFloatBuffer().get(values);
            tensors.put(e.getKey(), new Tensor(shape, values));
        }
        return tensors;
    }
}
