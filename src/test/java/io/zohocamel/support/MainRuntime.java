package io.zohocamel.support;

import java.util.Map;

import io.zohocamel.RuntimeConfiguration;
import org.apache.camel.main.Main;

/** The runtime started by a test as Camel Main, for tests that stop and start it again on one data folder. */
public final class MainRuntime {

    private MainRuntime() {
    }

    /**
     * Sets {@code settings} as system properties (they override config/application.properties, as for an
     * operator), records them in {@code applied} so the test can clear them, and starts the runtime.
     */
    public static Main start(Map<String, String> settings, Map<String, String> applied) throws Exception {
        settings.forEach((k, v) -> {
            System.setProperty(k, v);
            applied.put(k, v);
        });
        Main main = new Main();
        main.configure().addConfiguration(RuntimeConfiguration.class);
        main.setPropertyPlaceholderLocations("file:config/application.properties");
        main.configure().withRoutesIncludePattern("file:routes/*.camel.yaml");
        main.start();
        return main;
    }
}
