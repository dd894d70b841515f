package io.zohocamel.sandbox;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * Runs the sandbox alone, as a Zoho stand-in for other tools (load generators, other services' tests):
 * {@code java -cp zoho-crm-camel.jar io.zohocamel.sandbox.Main --port 9090}. It prints where it answers and
 * serves until the process is killed. Options: {@link SandboxCommandLine#usage()}.
 */
public final class Main {

    /** Exit status for a bad command line (unknown option, missing or bad value). */
    static final int BAD_ARGUMENTS = 2;
    /** Exit status when the sandbox cannot listen (port taken, not allowed). */
    static final int CANNOT_START = 1;

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err, Main::serveUntilKilled);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Parses the arguments, starts the sandbox, prints its addresses on {@code out} ({@code name=url}, one a
     * line, so a script can read them) and hands it to {@code serve}.
     *
     * @return 0 when served (or after --help), {@link #BAD_ARGUMENTS}, or {@link #CANNOT_START}
     */
    static int run(String[] args, PrintStream out, PrintStream err, Consumer<ZohoSandbox> serve) {
        SandboxCommandLine.Parsed parsed;
        try {
            parsed = SandboxCommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("zoho sandbox: " + e.getMessage());
            err.println("Run with --help for the options.");
            return BAD_ARGUMENTS;
        }
        if (parsed.help()) {
            out.print(SandboxCommandLine.usage());
            out.flush();
            return 0;
        }
        ZohoSandbox sandbox;
        try {
            sandbox = new ZohoSandbox(parsed.settings()).start();
        } catch (UncheckedIOException e) {
            err.println("zoho sandbox: cannot listen on 127.0.0.1:" + parsed.settings().port() + ": "
                    + e.getCause().getMessage());
            return CANNOT_START;
        }
        out.println("base-url=" + sandbox.baseUrl());
        out.println("accounts-url=" + sandbox.accountsUrl());
        out.println("api-domain=" + sandbox.apiDomain());
        // the sandbox takes any version segment; v8 is the one the runtime uses (zoho.api-version)
        out.println("upload-url=" + sandbox.uploadUrl("v8"));
        out.flush();
        serve.accept(sandbox);
        return 0;
    }

    /** The sandbox's threads are daemons: the main thread keeps the JVM up until a signal runs the hook. */
    private static void serveUntilKilled(ZohoSandbox sandbox) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.stop();
            stopped.countDown();
        }, "zoho-sandbox-stop"));
        while (stopped.getCount() > 0) {
            try {
                stopped.await();
            } catch (InterruptedException e) {
                // only the shutdown hook ends the wait
            }
        }
    }
}
