package io.digitgan.generator.model;

/** Rejection sampling gave up: the model drew too few images that read as the asked digit. */
public final class DigitNotFoundException extends RuntimeException {

    public DigitNotFoundException(String digit, int found, int wanted, int tries) {
        super("found " + found + " of " + wanted + " images that read as '" + digit + "' in " + tries
                + " tries (digitgan.generator.rejection.max-tries); this model rarely draws it: ask for fewer,"
                + " another seed, or serve a conditional model");
    }
}
