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
        return migrated("jobstore", h2RelativeToWorkingDir(url), user, password);
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
     * last recorded jobs. The job store is the only truth, so every commit is written at once.
     */
    static String h2RelativeToWorkingDir(String url) {
        if (!url.startsWith(H2_FILE)) {
            return url;
        }
        String path = url.substring(H2_FILE.length());
        boolean explicit = path.startsWith("/") || path.startsWith("~") || path.startsWith(".") || path.matches("^[A-Za-z]:.*");
        String durable = url.toUpperCase(java.util.Locale.ROOT).contains("WRITE_DELAY") ? "" : ";WRITE_DELAY=0";
        return (explicit ? url : H2_FILE + "./" + path) + durable;
    }

    static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }
}
