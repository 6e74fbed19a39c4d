package io.digitgan.core.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} / {@code --name=value} options and positional arguments of a command. */
final class CommandArgs {

    final Map<String, String> options = new LinkedHashMap<>();
    final List<String> positional = new ArrayList<>();
    boolean help;

    /**
     * @param known option names taking a value
     * @param flags option names taking none (stored with the value "true")
     */
    static CommandArgs parse(List<String> args, Set<String> known, Set<String> flags) {
        CommandArgs parsed = new CommandArgs();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                parsed.help = true;
            } else if (!arg.startsWith("--")) {
                parsed.positional.add(arg);
            } else if (flags.contains(arg)) {
                parsed.options.put(arg, "true");
            } else {
                int eq = arg.indexOf('=');
                String name = eq > 0 ? arg.substring(0, eq) : arg;
                if (!known.contains(name)) {
                    errors.add("unknown option " + name + " (see --help)");
                } else if (eq > 0) {
                    parsed.options.put(name, arg.substring(eq + 1));
                } else if (i + 1 < args.size()) {
                    parsed.options.put(name, args.get(++i));
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
        return options.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, not '" + value + "'");
        }
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }
}
