package io.zohocamel.jobs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.zohocamel.zoho.StoredToken;
import io.zohocamel.zoho.TokenStore;
import io.zohocamel.zoho.ZohoAuthException;

/**
 * The access token kept in the job store, shared by every instance on that database (table
 * {@code zoho_token}, one row per refresh token). A refresh runs while this instance holds the row
 * lock ({@code select ... for update}, PostgreSQL and H2 alike), so instances that need a token at the
 * same time wait for the one refreshing and then use its token. Every attempt is logged in
 * {@code zoho_token_refresh}, committed before Zoho is asked, and the budget is counted from that
 * log: N instances together stay within Zoho's 10 new tokens per 10 minutes.
 *
 * <p>Whoever can read the job store can read the current access token (it lives at most an hour);
 * the refresh token and the client secret are never stored.
 */
public final class JdbcTokenStore implements TokenStore {

    private static final Duration LOCK_WAIT = Duration.ofMinutes(3);
    private static final Duration LOG_KEPT = Duration.ofDays(1);

    private final DataSource dataSource;
    private final String credential;
    private final String instance;
    private final Clock clock;
    /** The connection holding the row lock, for the thread inside {@link #exclusively}. */
    private final ThreadLocal<Connection> held = new ThreadLocal<>();
    private volatile boolean rowExists;

    public JdbcTokenStore(DataSource dataSource, String accountsUrl, String clientId, String refreshToken, String instance,
                          Clock clock) {
        this.dataSource = dataSource;
        this.credential = credentialKey(accountsUrl, clientId, refreshToken);
        this.instance = instance;
        this.clock = clock;
    }

    /** Names the token row without storing the refresh token: a changed credential starts a new row. */
    static String credentialKey(String accountsUrl, String clientId, String refreshToken) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((accountsUrl + "\n" + clientId + "\n" + refreshToken).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<StoredToken> load() {
        return withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select access_token, api_domain, issued_at, expires_at from zoho_token where credential = ?")) {
                ps.setString(1, credential);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getString(1) == null) {
                        return Optional.empty();
                    }
                    return Optional.of(new StoredToken(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                            Instant.ofEpochMilli(rs.getLong(4))));
                }
            }
        });
    }

    @Override
    public void save(StoredToken token) {
        ensureRow();
        withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("update zoho_token set access_token = ?, api_domain = ?, "
                    + "issued_at = ?, expires_at = ?, updated_at = ? where credential = ?")) {
                ps.setString(1, token.accessToken());
                ps.setString(2, token.apiDomain());
                ps.setLong(3, token.issuedAt().toEpochMilli());
                ps.setLong(4, token.expiresAt().toEpochMilli());
                ps.setLong(5, clock.millis());
                ps.setString(6, credential);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public <T> T exclusively(Supplier<T> work) {
        ensureRow();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                lockRow(c);
                held.set(c);
                try {
                    return work.get();
                } finally {
                    held.remove();
                }
            } finally {
                // commit either way: a failed refresh still saved nothing wrong, and the lock is released
                c.commit();
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Optional<List<Instant>> attemptsSince(Instant since) {
        return Optional.of(withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("select attempted_at from zoho_token_refresh "
                    + "where credential = ? and attempted_at > ? order by attempted_at")) {
                ps.setString(1, credential);
                ps.setLong(2, since.toEpochMilli());
                List<Instant> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(Instant.ofEpochMilli(rs.getLong(1)));
                    }
                }
                return out;
            }
        }));
    }

    /** Own connection, committed at once: the attempt counts even if this process dies while asking Zoho. */
    @Override
    public void attempted(Instant at) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into zoho_token_refresh (credential, attempted_at, instance) values (?, ?, ?)")) {
                ps.setString(1, credential);
                ps.setLong(2, at.toEpochMilli());
                ps.setString(3, instance);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("delete from zoho_token_refresh where attempted_at < ?")) {
                ps.setLong(1, at.minus(LOG_KEPT).toEpochMilli());
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private void lockRow(Connection c) throws SQLException {
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        while (true) {
            try (PreparedStatement ps = c.prepareStatement("select credential from zoho_token where credential = ? for update")) {
                ps.setString(1, credential);
                ps.executeQuery().close();
                return;
            } catch (SQLException e) {
                // H2 gives up waiting for a lock after its LOCK_TIMEOUT; PostgreSQL waits (the holder's
                // refresh is bounded by zoho.read-timeout)
                if (!isLockTimeout(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                c.rollback();
            }
        }
    }

    private static boolean isLockTimeout(SQLException e) {
        return e.getErrorCode() == 50200 || "HYT00".equals(e.getSQLState()) || "55P03".equals(e.getSQLState());
    }

    private void ensureRow() {
        if (rowExists) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement("select 1 from zoho_token where credential = ?")) {
                ps.setString(1, credential);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        rowExists = true;
                        return;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("insert into zoho_token (credential, updated_at) values (?, ?)")) {
                ps.setString(1, credential);
                ps.setLong(2, clock.millis());
                ps.executeUpdate();
            } catch (SQLException raced) {
                // another instance inserted it first
            }
            rowExists = true;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T withConnection(Work<T> work) {
        Connection inLock = held.get();
        try {
            if (inLock != null) {
                return work.run(inLock);
            }
            try (Connection c = dataSource.getConnection()) {
                return work.run(c);
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static ZohoAuthException unavailable(SQLException e) {
        return new ZohoAuthException("TOKEN_STORE_UNAVAILABLE", "shared token store unreachable: " + e.getMessage());
    }
}
