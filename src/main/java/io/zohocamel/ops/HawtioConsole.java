package io.zohocamel.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.security.auth.login.Configuration;

import org.apache.camel.support.service.ServiceSupport;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hawtio 4 console at {@code /hawtio/} on its own port: the stock hawtio-war (packaged in the jar
 * as {@code hawtio/hawtio.war}) in an embedded Jetty 12, as hawtio-embedded does it, so the console's
 * Jolokia sees this JVM's Camel MBeans. hawtio-war reads its settings from {@code hawtio.*} system
 * properties only; the ones set here are defaults an operator can override with {@code -D}, and are
 * removed again when the console stops.
 */
public final class HawtioConsole extends ServiceSupport {

    /** The JAAS realm the console logs in with (see {@link ConsoleLoginConfiguration}). */
    public static final String REALM = "zoho-crm-camel";
    static final String ROLE = "admin";
    private static final String WAR_RESOURCE = "/hawtio/hawtio.war";
    private static final String POLICY = "classpath:/hawtio/jolokia-access.xml";
    private static final List<String> JOLOKIA_SERVICES = List.of("org.jolokia.server.core.service.impl.VersionRequestHandler",
            "org.jolokia.server.core.util.DebugStore", "org.jolokia.service.jmx.LocalRequestHandler",
            "org.jolokia.service.jmx.handler.list.JDKManagementCacheKeyProvider", "org.jolokia.service.serializer.JolokiaSerializer");
    private static final Logger LOG = LoggerFactory.getLogger(HawtioConsole.class);

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final Path home;
    private final Map<String, String> propertiesSet = new LinkedHashMap<>();
    private ConsoleLoginConfiguration login;
    private volatile Thread starting;
    private volatile Server server;

    /**
     * @param home where the WAR is unpacked (wiped at each start, so an upgraded WAR never mixes with
     *             the files of the previous one)
     */
    public HawtioConsole(String host, int port, String user, String password, Path home) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.home = home;
    }

    @Override
    protected void doStart() {
        defaultProperty("hawtio.realm", REALM);
        defaultProperty("hawtio.roles", ROLE);
        defaultProperty("hawtio.rolePrincipalClasses", ConsoleRole.class.getName());
        // 401 rather than Hawtio's default 403 when a Jolokia call comes without credentials
        defaultProperty("hawtio.noCredentials401", "true");
        // the console manages this JVM only: no /hawtio/proxy towards other hosts' Jolokia
        defaultProperty("hawtio.disableProxy", "true");
        if (!Boolean.parseBoolean(System.getProperty("hawtio.authenticationEnabled", "true"))) {
            LOG.warn("Hawtio console WITHOUT login (-Dhawtio.authenticationEnabled=false): its Jolokia can invoke MBean operations");
        }
        login = new ConsoleLoginConfiguration(ConsoleLoginConfiguration.current(), REALM, user, password, ROLE);
        Configuration.setConfiguration(login);
        // unpacking the WAR and starting the webapp take a second or two: off the runtime's start path, so
        // the routes do not wait for the console (and a busy port does not stop them); readiness does wait
        starting = new Thread(this::startServer, "hawtio-start");
        starting.setDaemon(true);
        starting.start();
    }

    /** True until the console is up or has failed to start (which is logged). */
    public boolean isStarting() {
        Thread thread = starting;
        return thread != null && thread.isAlive();
    }

    private void startServer() {
        Server jetty = new Server(new QueuedThreadPool(32, 2));
        try {
            ((QueuedThreadPool) jetty.getThreadPool()).setName("hawtio");
            ServerConnector connector = new ServerConnector(jetty);
            connector.setHost(host);
            connector.setPort(port);
            jetty.addConnector(connector);
            jetty.setHandler(new SameOriginGuard(new Handler.Sequence(webapp(copyWar()), new RootRedirect())));
            jetty.start();
            server = jetty;
            LOG.info("Hawtio console at http://{}:{}/hawtio/ (user {})", host, connector.getLocalPort(), user);
        } catch (Exception e) {
            LOG.error("The Hawtio console did not start on port {}: {}", port, e.getMessage(), e);
            try {
                jetty.stop();
            } catch (Exception ignored) {
                // already reported why it did not start
            }
        }
    }

    private WebAppContext webapp(Path war) throws IOException {
        Path work = home.resolve("work");
        deleteTree(work);
        Files.createDirectories(work);
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/hawtio");
        webapp.setWar(war.toString());
        webapp.setTempDirectory(work.toFile());
        // parent first, as hawtio-embedded does: the webapp logs through the runtime's SLF4J/Logback and
        // finds the console's login module; the WAR's own jars (Jolokia, Hawtio) are not in the runtime
        webapp.setParentLoaderPriority(true);
        webapp.setThrowUnavailableOnStartupException(true);
        if (System.getProperty("jolokia.policyLocation") == null) {
            // a context parameter reaches the WAR's Jolokia servlet as its policyLocation setting
            webapp.setInitParameter("policyLocation", POLICY);
        }
        // Jolokia's services are an allow-list too: local MBeans only. The WAR also brings the JSR-160 proxy
        // (a request naming a "target" made Jolokia connect to any JMX URL, JNDI lookups included), discovery
        // (multicast), history and notifications, which the console does not use.
        webapp.setInitParameter("enabledServices", String.join(",", JOLOKIA_SERVICES));
        // the session cookie never goes with a request another site starts (the console's CSRF guard, with
        // SameOriginGuard), and scripts cannot read it
        webapp.getSessionHandler().setSameSite(HttpCookie.SameSite.STRICT);
        webapp.getSessionHandler().setHttpOnly(true);
        return webapp;
    }

    /** The WAR out of the jar into a file Jetty can unpack (Jetty does not read a WAR nested in a jar). */
    private Path copyWar() throws IOException {
        Files.createDirectories(home);
        Path war = home.resolve("hawtio.war");
        try (InputStream in = HawtioConsole.class.getResourceAsStream(WAR_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The Hawtio WAR is missing from the classpath (" + WAR_RESOURCE
                        + "); build with Maven, which copies it there, or set hawtio.enabled=false");
            }
            Files.copy(in, war, StandardCopyOption.REPLACE_EXISTING);
        }
        return war;
    }

    @Override
    protected void doStop() throws Exception {
        try {
            if (starting != null) {
                starting.join(60_000);
                starting = null;
            }
            if (server != null) {
                server.stop();
                server = null;
            }
        } finally {
            if (login != null && Configuration.getConfiguration() == login) {
                Configuration.setConfiguration(login.previous());
            }
            login = null;
            propertiesSet.forEach((key, value) -> {
                if (value.equals(System.getProperty(key))) {
                    System.clearProperty(key);
                }
            });
            propertiesSet.clear();
        }
    }

    private void defaultProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
            propertiesSet.put(key, value);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** {@code /} sends the browser on to {@code /hawtio/}; anything else outside the console is 404. */
    private static final class RootRedirect extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            if (!"/".equals(Request.getPathInContext(request))) {
                return false;
            }
            Response.sendRedirect(request, response, callback, "/hawtio/");
            return true;
        }
    }
}
