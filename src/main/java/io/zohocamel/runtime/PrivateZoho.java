package io.zohocamel.runtime;

import io.zohocamel.sandbox.SandboxSettings;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.zoho.ZohoClient;
import io.zohocamel.zoho.ZohoSettings;

/**
 * A Zoho for the start-up warm-ups: a sandbox of their own inside the process, and a throwaway client
 * on it. Nothing reaches the configured Zoho, the runtime's own client (its token, its call slots) or
 * zoho_calls_total ({@link ZohoClient#unmetered}); both are gone when this closes.
 */
public final class PrivateZoho implements AutoCloseable {

    private static final String VERSION = "v8";

    private final ZohoSandbox sandbox;
    private final ZohoClient client;

    private PrivateZoho(ZohoSandbox sandbox) {
        this.sandbox = sandbox;
        this.client = ZohoClient.unmetered(ZohoSettings.builder().accountsUrl(sandbox.accountsUrl())
                .apiDomain(sandbox.apiDomain()).uploadUrl(sandbox.uploadUrl(VERSION)).apiVersion(VERSION)
                .clientId("warm-up").clientSecret("warm-up").refreshToken("warm-up").orgId("warm-up").build());
    }

    public static PrivateZoho start() {
        return new PrivateZoho(new ZohoSandbox(SandboxSettings.defaults()).start());
    }

    /** The private sandbox, to give it records before the client is used. */
    public ZohoSandbox sandbox() {
        return sandbox;
    }

    public ZohoClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        sandbox.stop();
    }
}
