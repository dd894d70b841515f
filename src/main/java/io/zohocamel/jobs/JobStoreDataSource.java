package io.zohocamel.jobs;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

/** The job store's connection pool, migrated by Flyway before anything uses it. */
public final class JobStoreDataSource {

    private static final String H2_FILE = "jdbc:h2:file:";

    private JobStoreDataSource() {
    }

    public static HikariDataSource create(String url, String user, String password, Path dataDir) throws Exception {
        if (url.startsWith(H2_FILE)) {
            Files.createDirectories(dataDir);
        }
        return migrated("jobstore", h2Url(url), user, password);
    }

    private static HikariDataSource migrated(String poolName, String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(url);
        if (user != null && !user.isBlank()) {
            config.setUsername(user);
        }
        if (password != null && !password.isBlank()) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(10);
        config.setMinimumIdle(1);
        HikariDataSource dataSource = new HikariDataSource(config);
        migrate(dataSource);
        return dataSource;
    }

    /**
     * H2 refuses "data/jobs" as too implicit (the setting's default is relative to the working
     * directory), and by default writes commits to disk up to 500 ms late: a kill -9 then loses the
     * last recorded jobs. The job store is the only truth, so every commit is written at once. And H2
     * would close the database from its own shutdown hook on SIGTERM while Camel's graceful stop still
     * records the jobs of the file in flight (each unrecorded one would be created again after the
     * restart): the Camel context closes the pool instead, after the routes.
     */
    static String h2Url(String url) {
        if (!url.startsWith(H2_FILE)) {
            return url;
        }
        String path = url.substring(H2_FILE.length());
        boolean explicit = path.startsWith("/") || path.startsWith("~") || path.startsWith(".") || path.matches("^[A-Za-z]:.*");
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        return (explicit ? url : H2_FILE + "./" + path) + (upper.contains("WRITE_DELAY") ? "" : ";WRITE_DELAY=0")
                + (upper.contains("DB_CLOSE_ON_EXIT") ? "" : ";DB_CLOSE_ON_EXIT=FALSE");
    }

    static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }
}
