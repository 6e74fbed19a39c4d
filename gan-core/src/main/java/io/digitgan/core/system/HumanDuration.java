package io.digitgan.core.system;

/** Seconds as a person reads them in a progress line: {@code 4:07}, {@code 1:02:03}. */
public final class HumanDuration {

    private HumanDuration() {}

    public static String of(double seconds) {
        long s = Math.round(Math.max(0, seconds));
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }
}
