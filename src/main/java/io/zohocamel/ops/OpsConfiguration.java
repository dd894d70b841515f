package io.zohocamel.ops;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.zohocamel.common.GeneratedSecrets;
import io.zohocamel.jobs.JobStore;
import io.zohocamel.jobs.JobTracker;
import io.zohocamel.zoho.ZohoSettings;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.health.HealthCheckRegistry;

/**
 * What runs the service rather than the integration: private files under data.dir (first, so that
 * everything created later is the service user's only), leadership among instances, the Hawtio
 * console, and the health checks and metrics of what the other features build.
 */
public class OpsConfiguration implements CamelConfiguration {

    @PropertyInject("data.dir")
    private String dataDir;
    @PropertyInject("cluster.root")
    private String clusterRoot;
    @PropertyInject("cluster.acquire-lock-delay")
    private Duration acquireLockDelay;
    @PropertyInject("cluster.acquire-lock-interval")
    private Duration acquireLockInterval;
    @PropertyInject("hawtio.enabled")
    private boolean console;
    @PropertyInject("hawtio.bind-address")
    private String consoleHost;
    @PropertyInject("hawtio.port")
    private int consolePort;
    @PropertyInject("http.auth.user")
    private String operator;
    @PropertyInject("http.auth.password")
    private String operatorPassword;

    @Override
    public void configure(CamelContext context) throws Exception {
        Path data = Path.of(dataDir).toAbsolutePath().normalize();
        PrivateFiles.apply(data);
        cluster(context);
        HawtioConsole hawtio = console ? hawtio(context, data) : null;
        context.addStartupListener((ctx, alreadyStarted) -> {
            JobStore store = ctx.getRegistry().findSingleByType(JobStore.class);
            new RuntimeMetrics(store).bind(ctx);
            PrometheusScrape.serve(ctx);
            HealthCheckRegistry health = HealthCheckRegistry.get(ctx);
            if (health != null) {
                health.register(new DependencyHealthCheck("job-store",
                        () -> store.isReachable() ? null : "job store unreachable"));
                health.register(new DependencyHealthCheck("zoho-auth",
                        ctx.getRegistry().findSingleByType(JobTracker.class)::authProblem, zohoTarget(ctx)));
                health.register(new StartupHealthCheck(
                        () -> hawtio != null && hawtio.isStarting() ? "Hawtio console" : null));
            }
        });
    }

    /**
     * Which Zoho the runtime talks to, for the operator: the built-in sandbox (bound as zohoSandbox) or an org.
     * Host and port only: the health answer escapes a URL's slashes twice.
     */
    private static String zohoTarget(CamelContext context) {
        ZohoSettings settings = context.getRegistry().findSingleByType(ZohoSettings.class);
        String at = settings == null ? "?" : URI.create(settings.apiDomain()).getAuthority();
        return context.getRegistry().lookupByName("zohoSandbox") != null
                ? "the built-in Zoho sandbox on " + at + ", not a real Zoho org" : "Zoho at " + at;
    }

    /** Hawtio on its own port, behind the same operator login as /jobs; started and stopped with the context. */
    private HawtioConsole hawtio(CamelContext context, Path data) throws Exception {
        String password = GeneratedSecrets.under(dataDir).operatorPassword(operatorPassword);
        HawtioConsole hawtio = new HawtioConsole(consoleHost, consolePort, operator, password, data.resolve("hawtio"));
        context.addService(hawtio, true, false);
        return hawtio;
    }

    /**
     * The drop folder is consumed by one instance at a time: the bulk routes start from
     * {@code master:<namespace>:...}, and this service decides who leads. Leadership is a file lock
     * under cluster.root, which must be on the volume every instance shares with the inbox; when the
     * leader dies the OS releases its lock and another instance takes over within
     * cluster.acquire-lock-interval. (Camel Main has no properties for cluster services, hence here;
     * on Kubernetes the lease-based KubernetesClusterService from camel-kubernetes is the alternative.)
     */
    private void cluster(CamelContext context) throws Exception {
        Path root = Path.of(clusterRoot).toAbsolutePath().normalize();
        Files.createDirectories(root);
        FileLockClusterService cluster = new FileLockClusterService();
        cluster.setId("zoho-crm-camel");
        cluster.setRoot(root.toString());
        cluster.setAcquireLockDelay(acquireLockDelay.toMillis(), TimeUnit.MILLISECONDS);
        cluster.setAcquireLockInterval(acquireLockInterval.toMillis(), TimeUnit.MILLISECONDS);
        context.addService(cluster);
    }
}
