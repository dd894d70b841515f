package io.zohocamel.sandbox;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A sandbox started before each test and stopped after it, with a client for it ({@code @RegisterExtension}). */
final class RunningSandbox implements BeforeEachCallback, AfterEachCallback {

    private final SandboxSettings settings;
    private ZohoSandbox sandbox;
    private SandboxHttp http;

    RunningSandbox() {
        this(SandboxSettings.defaults());
    }

    RunningSandbox(SandboxSettings settings) {
        this.settings = settings;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        sandbox = new ZohoSandbox(settings).start();
        http = new SandboxHttp(sandbox);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        sandbox.stop();
    }

    ZohoSandbox sandbox() {
        return sandbox;
    }

    SandboxHttp http() {
        return http;
    }
}
