package io.digitgan.core.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** {@code --name value} / {@code --name=value} options, {@code --help} and positional arguments of a command. */
final class CommandArgs {

    /** The options in the order given; a name given twice appears twice (the last one counts). */
    final List<Map.Entry<String, String>> options = new ArrayList<>();
    final List<String> positional = new ArrayList<>();
    boolean help;

    /** Options that take no value (a flag: "true" when given, or {@code --name=false}). */
    static final Set<String> FLAGS = Set.of("--conditional");

    /** @param known the option names; each takes a value */
    static CommandArgs parse(List<String> args, Set<String> known) {
        return parse(args, known::contains);
    }

    /** Every {@code --name} takes a value; the caller tells the names it does not know. */
    static CommandArgs parseAnyOption(List<String> args) {
        return parse(args, name -> true);
    }

    private static CommandArgs parse(List<String> args, Predicate<String> known) {
        CommandArgs parsed = new CommandArgs();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                parsed.help = true;
            } else if (!arg.startsWith("--")) {
                parsed.positional.add(arg);
            } else {
                int eq = arg.indexOf('=');
                String name = eq > 0 ? arg.substring(0, eq) : arg;
                if (!known.test(name)) {
                    errors.add("unknown option " + name + " (see --help)");
                } else if (eq < 0 && FLAGS.contains(name)) {
                    parsed.options.add(Map.entry(name, "true"));
                } else if (eq > 0) {
                    parsed.options.add(Map.entry(name, arg.substring(eq + 1)));
                } else if (i + 1 < args.size()) {
                    parsed.options.add(Map.entry(name, args.get(++i)));
                } else {
                    errors.add(name + " needs a value");
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        return parsed;
    }

    String get(String name, String fallback) {
        String value = fallback;
        for (Map.Entry<String, String> option : options) {
            if (option.getKey().equals(name)) {
                value = option.getValue();
            }
        }
        return value;
    }

    int integer(String name, int fallback) {
        String value = get(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, not '" + value + "'");
        }
    }
}
