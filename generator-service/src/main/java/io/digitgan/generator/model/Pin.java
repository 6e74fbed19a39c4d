package io.digitgan.generator.model;

/**
 * A pinned checkpoint: a run and an epoch, or the run's best (by FID, once quality figures exist).
 *
 * @param epoch the epoch, or null for best
 */
public record Pin(String runId, Integer epoch) {

    public boolean best() {
        return epoch == null;
    }

    /** {@code <run id>:<epoch>} or {@code <run id>:best}. */
    public static Pin parse(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("pin must be '<run id>:<epoch>' or '<run id>:best', not '" + text + "'");
        }
        String run = text.substring(0, colon);
        String what = text.substring(colon + 1);
        if (what.equals("best")) {
            return new Pin(run, null);
        }
        try {
            return new Pin(run, Integer.parseInt(what));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("pin epoch must be a number or 'best', not '" + what + "'");
        }
    }

    @Override
    public String toString() {
        return runId + ":" + (best() ? "best" : epoch);
    }
}
