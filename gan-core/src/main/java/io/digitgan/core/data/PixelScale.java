package io.digitgan.core.data;

/** The model sees pixels in [-1, 1] (tanh's range); files and PNGs hold 0..255. */
public final class PixelScale {

    private PixelScale() {}

    public static float toModel(int byteValue) {
        return byteValue / 127.5f - 1f;
    }

    /** Clamps to [-1, 1] and rounds to the nearest 0..255 grey level. */
    public static int toByte(float modelValue) {
        float clamped = Math.max(-1f, Math.min(1f, modelValue));
        return Math.round((clamped + 1f) * 127.5f);
    }
}
