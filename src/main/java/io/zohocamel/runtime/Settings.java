package io.zohocamel.runtime;

import java.time.Duration;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.util.TimeUtils;

/**
 * Typed reads of the runtime's settings through Camel's properties component, so that
 * config/application.properties, -D system properties and environment variables
 * (zoho.api-domain = ZOHO_API_DOMAIN) all apply the same way as in the YAML routes.
 */
public final class Settings {

    private final PropertiesComponent properties;

    public Settings(CamelContext context) {
        this.properties = context.getPropertiesComponent();
    }

    public String string(String key, String defaultValue) {
        Optional<String> value = properties.resolveProperty(key).map(String::trim);
        return value.filter(v -> !v.isEmpty()).orElse(defaultValue);
    }

    public boolean bool(String key, boolean defaultValue) {
        String value = string(key, null);
        return value == null ? defaultValue : Boolean.parseBoolean(value);
    }

    public int integer(String key, int defaultValue) {
        String value = string(key, null);
        return value == null ? defaultValue : Integer.parseInt(value);
    }

    public double decimal(String key, double defaultValue) {
        String value = string(key, null);
        return value == null ? defaultValue : Double.parseDouble(value);
    }

    /** Durations as Camel writes them: 10s, 5m, 24h, 250ms, 1h30m, or plain milliseconds. */
    public Duration duration(String key, Duration defaultValue) {
        String value = string(key, null);
        return value == null ? defaultValue : Duration.ofMillis(TimeUtils.toMilliSeconds(value));
    }
}
