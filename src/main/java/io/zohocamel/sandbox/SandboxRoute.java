package io.zohocamel.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One path of the fake Zoho and the handler for each method it takes. The pattern (e.g.
 * "/crm/bulk/{v}/write/{id}") names the call counters and is also what paths are matched against: {v} is an
 * API version (v8, v2.1), {id} one path segment, {module} a module api name; a trailing slash is accepted,
 * except after a file name (".zip"). A route without scopes is the accounts server's: the gate asks it for
 * no access token and spares it the in-flight count and the random faults.
 */
final class SandboxRoute {

    /** Answers one call; {@code path} holds the pattern's named groups ("id", "module"). */
    @FunctionalInterface
    interface Handler {
        SandboxResponse answer(SandboxRequest request, Matcher path);
    }

    /** The scopes a call's access token may hold (one suffices, or one covering it), by method and path. */
    @FunctionalInterface
    interface Scopes {
        Set<String> accepted(String method, Matcher path);
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-z]+}");
    private static final Map<String, String> PLACEHOLDERS = Map.of(
            "{v}", "v\\d+(?:\\.\\d+)?",
            "{id}", "(?<id>[^/]+)",
            "{module}", "(?<module>[A-Za-z0-9_]+)");
    private static final Pattern FILE_NAME = Pattern.compile(".*\\.[a-z]+$");

    private final String pattern;
    private final Pattern regex;
    private final Scopes scopes;
    private final Map<String, Handler> handlers;

    private SandboxRoute(String pattern, Pattern regex, Scopes scopes, Map<String, Handler> handlers) {
        this.pattern = pattern;
        this.regex = regex;
        this.scopes = scopes;
        this.handlers = handlers;
    }

    /** An API path: calls need an access token carrying this scope. */
    static SandboxRoute api(String pattern, String scope) {
        Set<String> accepted = Set.of(scope);
        return api(pattern, (method, path) -> accepted);
    }

    /** An API path whose scope depends on the method and the path (Zoho's ZohoCRM.modules.{module}.{operation}). */
    static SandboxRoute api(String pattern, Scopes scopes) {
        return new SandboxRoute(pattern, regex(pattern), scopes, Map.of());
    }

    /** A path of the accounts server (the token endpoint). */
    static SandboxRoute accounts(String pattern) {
        return new SandboxRoute(pattern, regex(pattern), null, Map.of());
    }

    /** This route, also answering {@code method} with the handler. */
    SandboxRoute on(String method, Handler handler) {
        Map<String, Handler> more = new LinkedHashMap<>(handlers);
        more.put(method, handler);
        return new SandboxRoute(pattern, regex, scopes, Map.copyOf(more));
    }

    String pattern() {
        return pattern;
    }

    /** Whether calls need an access token: every API path, not the accounts server. */
    boolean needsToken() {
        return scopes != null;
    }

    /** The scopes the access token may hold for this call; empty for the accounts server. */
    Set<String> scopes(String method, Matcher path) {
        return scopes == null ? Set.of() : scopes.accepted(method, path);
    }

    /** The match of the whole path, or null when this route does not take it. */
    Matcher match(String path) {
        Matcher matcher = regex.matcher(path);
        return matcher.matches() ? matcher : null;
    }

    /** The method's handler answers; a method the path does not take gets 400 INVALID_REQUEST_METHOD. */
    SandboxResponse answer(SandboxRequest request, Matcher path) {
        Handler handler = handlers.get(request.method());
        return handler == null ? SandboxErrors.invalidRequestMethod() : handler.answer(request, path);
    }

    private static Pattern regex(String pattern) {
        StringBuilder regex = new StringBuilder("^");
        Matcher placeholder = PLACEHOLDER.matcher(pattern);
        int literal = 0;
        while (placeholder.find()) {
            String group = PLACEHOLDERS.get(placeholder.group());
            if (group == null) {
                throw new IllegalArgumentException("unknown placeholder " + placeholder.group() + " in " + pattern);
            }
            regex.append(Pattern.quote(pattern.substring(literal, placeholder.start()))).append(group);
            literal = placeholder.end();
        }
        regex.append(Pattern.quote(pattern.substring(literal)));
        return Pattern.compile(regex.append(FILE_NAME.matcher(pattern).matches() ? "$" : "/?$").toString());
    }
}
