package io.zohocamel;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.main.Main;
import org.slf4j.LoggerFactory;

/**
 * Starts the runtime: Camel Main with the settings of config/application.properties and the
 * routes of routes/*.camel.yaml. Run from the checkout, the files there are used; anywhere else,
 * the copies packaged in the jar.
 */
public final class Application {

    private Application() {
    }

    public static void main(String... args) throws Exception {
        // no package scan: the one configuration class is named, so it runs exactly once
        Main main = new Main();
        main.configure().addConfiguration(RuntimeConfiguration.class);
        main.setPropertyPlaceholderLocations(propertyLocations());
        main.configure().withRoutesIncludePattern(routesPattern());
        try {
            main.run(args);
        } catch (Exception e) {
            // what was already started (the embedded broker's threads) would keep the JVM alive: a service
            // that cannot start says why and exits, so a supervisor sees the failure
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            LoggerFactory.getLogger(Application.class).error("The service did not start: {}", cause.getMessage());
            System.exit(1);
        }
    }

    static String propertyLocations() {
        return Files.isRegularFile(Path.of("config/application.properties"))
                ? "file:config/application.properties" : "classpath:application.properties";
    }

    static String routesPattern() {
        return Files.isDirectory(Path.of("routes")) ? "file:routes/*.camel.yaml" : "classpath:routes/*.camel.yaml";
    }
}
