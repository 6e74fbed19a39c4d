package io.digitgan.cli;

import io.digitgan.core.config.RunSpec;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A {@link RunSpec}'s fields as a command's options, derived from the record: one option per field
 * in kebab case ({@code batchSize} is {@code --batch-size}), typed as the field, described by its
 * schema. The command line declares no run option of its own, so it cannot drift from the run API
 * or from sweep files.
 */
final class RunSpecOptions {

    /** Short forms the command had before its options were derived; kept so that old scripts run. */
    private static final Map<String, String> ALIASES = Map.of("generatorLearningRate", "--lr-g",
            "discriminatorLearningRate", "--lr-d", "discriminatorWidth", "--d-width");

    private RunSpecOptions() {}

    /** A mixin of the options; {@code defaults} are default values by field name, as text. */
    static CommandSpec mixin(Map<String, String> defaults) {
        CommandSpec mixin = CommandSpec.create();
        int order = -100; // listed before the command's own options: what to train comes first
        for (RecordComponent field : RunSpec.class.getRecordComponents()) {
            Class<?> type = field.getType();
            String[] names = ALIASES.containsKey(field.getName())
                    ? new String[] {option(field), ALIASES.get(field.getName())}
                    : new String[] {option(field)};
            OptionSpec.Builder o = OptionSpec.builder(names).type(type).paramLabel(label(type))
                    .description(description(field)).defaultValue(defaults.get(field.getName()));
            if (type == Boolean.class) {
                o.arity("0..1").fallbackValue("true"); // --conditional alone means true
            }
            if (type.isEnum()) {
                o.converters(value -> byId(type, value));
            }
            mixin.addOption(o.order(order++).build());
        }
        return mixin;
    }

    /** The spec the parsed options of {@code command} (which has the mixin) ask for. */
    static RunSpec read(CommandSpec command) {
        RecordComponent[] fields = RunSpec.class.getRecordComponents();
        Object[] values = Arrays.stream(fields).map(f -> command.findOption(option(f)).getValue()).toArray();
        try {
            Constructor<RunSpec> canonical = RunSpec.class.getDeclaredConstructor(
                    Arrays.stream(fields).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a RunSpec from the options", e);
        }
    }

    /** {@code --batch-size} for {@code batchSize}. */
    static String option(RecordComponent field) {
        return "--" + field.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String label(Class<?> type) {
        if (type.isEnum()) {
            return Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining("|"));
        }
        if (type == Integer.class || type == Long.class) {
            return "N";
        }
        return type == Double.class ? "X" : type == Boolean.class ? "true|false" : "ID";
    }

    private static String description(RecordComponent field) {
        try {
            Schema schema = RunSpec.class.getDeclaredField(field.getName()).getAnnotation(Schema.class);
            return schema == null ? "" : schema.description();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e); // a record component always has its field
        }
    }

    /** The enum constant of this id, by the enum's own {@code of(String)} and its message. */
    private static Object byId(Class<?> type, String id) {
        try {
            Method of = type.getMethod("of", String.class);
            return of.invoke(null, id);
        } catch (InvocationTargetException e) {
            throw new CommandLine.TypeConversionException(e.getCause().getMessage());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + " has no of(String)", e);
        }
    }
}
