package io.zohocamel;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.main.Main;

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
        main.run(args);
    }

    static String propertyLocations() {
        return Files.isRegularFile(Path.of("config/application.properties"))
                ? "file:config/application.properties" : "classpath:application.properties";
    }

    static String routesPattern() {
        return Files.isDirectory(Path.of("routes")) ? "file:routes/*.camel.yaml" : "classpath:routes/*.camel.yaml";
    }
}
