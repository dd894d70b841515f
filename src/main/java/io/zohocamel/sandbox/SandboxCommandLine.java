package io.zohocamel.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of the standalone sandbox ({@link Main}): one option per field of {@link SandboxSettings},
 * named like its {@code zoho.sandbox.*} key, and read by the same {@link SandboxSettings#fromProperties} as
 * those keys, so a value means the same thing on the command line as in config/application.properties.
 */
final class SandboxCommandLine {

    private static final String KEY_PREFIX = "zoho.sandbox.";

    private enum Kind {
        PORT("N"), COUNT("N"), FRACTION("0.0-1.0"), DURATION("DURATION");

        final String placeholder;

        Kind(String placeholder) {
            this.placeholder = placeholder;
        }
    }

    /**
     * An option and its standalone default. The app never uses these defaults (it reads
     * config/application.properties); they are the values that file gives the zoho.sandbox.* keys.
     */
    private record Option(String name, Kind kind, String defaultValue, String meaning) {
    }

    private static final List<Option> OPTIONS = List.of(
            new Option("port", Kind.PORT, "0", "TCP port on 127.0.0.1, 0 = any free port"),
            new Option("latency", Kind.DURATION, "0ms", "delay added to every API call"),
            new Option("rate-429", Kind.FRACTION, "0.0", "fraction of API calls answered 429 TOO_MANY_REQUESTS"),
            new Option("rate-500", Kind.FRACTION, "0.0", "fraction of API calls answered 500 INTERNAL_ERROR"),
            new Option("token-lifetime", Kind.DURATION, "1h", "lifetime of minted access tokens"),
            new Option("concurrency-cap", Kind.COUNT, "10", "API calls in flight accepted at once; one more gets 429"),
            new Option("job-step", Kind.DURATION, "2s",
                    "time a bulk-write / mass-update job spends in each of its states"),
            new Option("max-records", Kind.COUNT, "50000", "records kept per module; the oldest is forgotten past it"),
            new Option("max-jobs", Kind.COUNT, "200",
                    "finished bulk-write jobs (with their results) and uploaded files kept; the oldest is forgotten past it"));

    /** What the command line asks for: the usage text, or a sandbox with these settings. */
    record Parsed(boolean help, SandboxSettings settings) {
    }

    private SandboxCommandLine() {
    }

    /**
     * Reads {@code --name value} or {@code --name=value} pairs and {@code --help} / {@code -h}.
     *
     * @throws IllegalArgumentException naming the argument, for an unknown option, a missing or bad value
     */
    static Parsed parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        OPTIONS.forEach(o -> values.put(o.name(), o.defaultValue()));
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ("--help".equals(arg) || "-h".equals(arg)) {
                return new Parsed(true, null);
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            Option option = option(name);
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value (" + option.kind().placeholder + ")");
            }
            check(option, value);
            values.put(name, value.trim());
        }
        return new Parsed(false, SandboxSettings.fromProperties(key -> values.get(key.substring(KEY_PREFIX.length()))));
    }

    static String usage() {
        StringBuilder text = new StringBuilder()
                .append("Usage: java -cp zoho-crm-camel.jar io.zohocamel.sandbox.Main [options]\n\n")
                .append("Runs the Zoho sandbox (a fake Zoho CRM accounts server, upload host and API domain)\n")
                .append("on 127.0.0.1 until killed, and prints its base-url, accounts-url, api-domain and\n")
                .append("upload-url (for v8; any version segment is taken), one 'name=url' line each.\n")
                .append("It starts with no records: a mass update of an id it does not know answers\n")
                .append("INVALID_DATA, as Zoho does.\n\nOptions:\n");
        for (Option o : OPTIONS) {
            String left = "  --" + o.name() + " " + o.kind().placeholder;
            text.append(String.format("%-32s%s (default %s)%n", left, o.meaning(), o.defaultValue()));
        }
        return text.append(String.format("%-32s%s%n", "  --help", "prints this text"))
                .append("\nDURATION: 250ms, 2s, 5m, 1h, 1d or ISO-8601 (PT2S); a plain number is milliseconds.\n")
                .toString();
    }

    private static Option option(String name) {
        return OPTIONS.stream().filter(o -> o.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown option '--" + name + "'"));
    }

    private static void check(Option option, String value) {
        String v = value.trim();
        String problem = null;
        try {
            switch (option.kind()) {
                case PORT -> {
                    int port = Integer.parseInt(v);
                    problem = port < 0 || port > 65535 ? "must be 0..65535" : null;
                }
                case COUNT -> problem = Integer.parseInt(v) < 1 ? "must be 1 or more" : null;
                case FRACTION -> {
                    double d = Double.parseDouble(v);
                    problem = !(d >= 0 && d <= 1) ? "must be within 0.0..1.0" : null;
                }
                case DURATION -> problem = SandboxSettings.parseDuration(v).isNegative() ? "must not be negative" : null;
            }
        } catch (RuntimeException e) {
            problem = "is not a " + switch (option.kind()) {
                case PORT, COUNT -> "whole number";
                case FRACTION -> "number";
                case DURATION -> "duration (250ms, 2s, 5m, 1h, 1d or PT2S)";
            };
        }
        if (problem != null) {
            throw new IllegalArgumentException("--" + option.name() + " '" + value + "' " + problem);
        }
    }
}
