package io.zohocamel.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh PostgreSQL database per test run, on the server named by {@code TEST_PG_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/}, user {@code TEST_PG_USER} or postgres, trust auth or
 * {@code TEST_PG_PASSWORD}). Dropped again on close.
 */
public final class TestPostgres implements AutoCloseable {

    private static final String SERVER = env("TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/");
    public static final String USER = env("TEST_PG_USER", "postgres");
    public static final String PASSWORD = env("TEST_PG_PASSWORD", "");

    public final String name;
    public final String url;

    private TestPostgres(String name) {
        this.name = name;
        this.url = SERVER + name;
    }

    /** Whether the server answers (tests that only add PostgreSQL coverage skip without it). */
    public static boolean available() {
        try (Connection c = admin()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    public static TestPostgres create(String prefix) throws SQLException {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        return new TestPostgres(name);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, USER, PASSWORD);
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        }
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
