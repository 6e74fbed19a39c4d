package io.digitgan.core.config;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import org.hibernate.validator.HibernateValidator;

/**
 * Checks a {@link RunSpec}'s constraints where no framework does (the command line, sweep files):
 * the same annotations the REST layer checks, the same wording of what is wrong.
 */
final class RunSpecValidator {

    private static final Validator VALIDATOR = Validation.byProvider(HibernateValidator.class).configure()
            .buildValidatorFactory().getValidator();

    private RunSpecValidator() {}

    /** @throws IllegalArgumentException naming each field out of its range, e.g. "epochs must be greater than or equal to 1, not 0" */
    static void check(RunSpec spec) {
        List<String> wrong = VALIDATOR.validate(spec).stream()
                .sorted(Comparator.comparing(v -> RunSpec.FIELDS.indexOf(field(v.getPropertyPath()))))
                .map(RunSpecValidator::describe).toList();
        if (!wrong.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", wrong));
        }
    }

    private static String describe(ConstraintViolation<RunSpec> v) {
        return field(v.getPropertyPath()) + " " + v.getMessage() + (v.getInvalidValue() == null ? "" : ", not " + v.getInvalidValue());
    }

    private static String field(Path path) {
        String name = null;
        for (Path.Node node : path) {
            name = node.getName();
        }
        return name;
    }
}
