package io.zohocamel.web;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import io.zohocamel.common.GeneratedSecrets;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.zoho.ZohoSettings;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

/** The business port's beans: the jobs page behind the operator login, and Zoho's callback. */
public class WebConfiguration implements CamelConfiguration {

    @PropertyInject("data.dir")
    private String dataDir;
    @PropertyInject("reports.dir")
    private String reports;
    @PropertyInject("error.dir")
    private String errors;
    @PropertyInject("http.auth.user")
    private String operator;
    @PropertyInject("http.auth.password")
    private String password;
    @PropertyInject("http.auth.free-failures")
    private int freeFailures;
    @PropertyInject("http.auth.first-block")
    private Duration firstBlock;
    @PropertyInject("http.auth.max-block")
    private Duration maxBlock;

    @Override
    public void configure(CamelContext context) throws Exception {
        GeneratedSecrets secrets = GeneratedSecrets.under(dataDir);
        JobStore store = context.getRegistry().findSingleByType(JobStore.class);
        BasicAuth login = new BasicAuth(operator, secrets.operatorPassword(password));
        LoginThrottle throttle = new LoginThrottle(freeFailures, firstBlock, maxBlock, Clock.systemUTC());
        context.getRegistry().bind("jobsPage", new JobsPage(store, login, throttle, Path.of(reports).toAbsolutePath().normalize(),
                Path.of(errors).toAbsolutePath().normalize(), sandboxUrl(context)));
        context.getRegistry().bind("callbackHandler",
                new CallbackHandler(secrets.callbackSecret(), store));
        context.addStartupListener((ctx, alreadyStarted) -> BusinessServer.harden(ctx));
    }

    /** The built-in sandbox's address when the Zoho wiring started it (it binds zohoSandbox then), else null. */
    private static String sandboxUrl(CamelContext context) {
        ZohoSettings settings = context.getRegistry().findSingleByType(ZohoSettings.class);
        return context.getRegistry().lookupByName("zohoSandbox") == null || settings == null ? null : settings.apiDomain();
    }
}
