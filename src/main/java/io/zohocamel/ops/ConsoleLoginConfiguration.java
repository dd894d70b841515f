package io.zohocamel.ops;

import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import javax.security.auth.login.Configuration;

/**
 * The JVM's JAAS configuration with one realm added for the console. hawtio-war logs in through
 * JAAS by realm name ({@code hawtio.realm}) on the JVM-wide configuration, so the realm is added
 * there; every other realm is answered by the configuration that was in place before (an operator's
 * own {@code -Djava.security.auth.login.config} keeps working, e.g. with {@code -Dhawtio.realm=ldap}).
 */
final class ConsoleLoginConfiguration extends Configuration {

    private final Configuration previous;
    private final String realm;
    private final AppConfigurationEntry[] entries;

    ConsoleLoginConfiguration(Configuration previous, String realm, String user, String password, String role) {
        this.previous = previous;
        this.realm = realm;
        this.entries = new AppConfigurationEntry[] {new AppConfigurationEntry(ConsoleLoginModule.class.getName(),
                LoginModuleControlFlag.REQUIRED,
                Map.of(ConsoleLoginModule.USER, user, ConsoleLoginModule.PASSWORD, password, ConsoleLoginModule.ROLE, role))};
    }

    /** The configuration in force now, or null when the JVM has none. */
    static Configuration current() {
        try {
            return Configuration.getConfiguration();
        } catch (SecurityException none) {
            return null;
        }
    }

    Configuration previous() {
        return previous;
    }

    @Override
    public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        if (realm.equals(name)) {
            return entries.clone();
        }
        return previous == null ? null : previous.getAppConfigurationEntry(name);
    }

    @Override
    public void refresh() {
        if (previous != null) {
            previous.refresh();
        }
    }
}
