package io.digitgan.core.data;

import java.util.Arrays;

/** The contents of one idx file of unsigned bytes: its dimensions and its data, row-major. */
public record IdxArray(int[] dimensions, byte[] data) {

    public int count() {
        return dimensions[0];
    }

    /** Bytes per item: the product of all dimensions but the first. */
    public int itemSize() {
        int size = 1;
        for (int i = 1; i < dimensions.length; i++) {
            size *= dimensions[i];
        }
        return size;
    }

    @Override
    public String toString() {
        return "IdxArray" + Arrays.toString(dimensions);
    }
}
