package io.zohocamel.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;

import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnection;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager3;
import io.zohocamel.common.GeneratedSecrets;

/**
 * Who may log in to the embedded broker, each with one role ({@link BrokerPermissions} says what a role may
 * do where): the producers' user ({@code broker.user}), the operator's admin ({@code broker.admin-user}),
 * and the runtime itself, whose password is made at each start and only ever held here, in memory, and
 * who is accepted only on the in-VM acceptor (never from the network).
 */
public final class BrokerUsers implements ActiveMQSecurityManager3 {

    public static final String PRODUCER = "producer";
    public static final String RUNTIME = "runtime";
    public static final String ADMIN = "admin";
    /** The runtime's own login name; no configured user may take it. */
    public static final String RUNTIME_USER = "zoho-crm-camel-runtime";

    private record Login(byte[] password, String role) {
    }

    private final Map<String, Login> logins;
    private final String producer;
    private final String admin;
    private final String runtimePassword;

    public BrokerUsers(String producer, String producerPassword, String admin, String adminPassword) {
        if (producer.equals(admin) || RUNTIME_USER.equals(producer) || RUNTIME_USER.equals(admin)) {
            throw new IllegalArgumentException("broker.user and broker.admin-user must differ from each other and from '"
                    + RUNTIME_USER + "'");
        }
        this.producer = producer;
        this.admin = admin;
        this.runtimePassword = GeneratedSecrets.random();
        this.logins = Map.of(producer, new Login(utf8(producerPassword), PRODUCER),
                admin, new Login(utf8(adminPassword), ADMIN),
                RUNTIME_USER, new Login(utf8(runtimePassword), RUNTIME));
    }

    public String producer() {
        return producer;
    }

    public String admin() {
        return admin;
    }

    /** The runtime's password for its in-VM connections: never written, never logged. */
    public String runtimePassword() {
        return runtimePassword;
    }

    @Override
    public String validateUser(String user, String password, RemotingConnection connection) {
        Login login = login(user, password, connection);
        return login == null ? null : user;
    }

    @Override
    public String validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType, String address,
                                      RemotingConnection connection) {
        Login login = login(user, password, connection);
        if (login == null) {
            return null;
        }
        for (Role role : roles) {
            if (role.getName().equals(login.role()) && checkType.hasRole(role)) {
                return user;
            }
        }
        return null;
    }

    @Override
    public boolean validateUser(String user, String password) {
        return login(user, password, null) != null;
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        return validateUserAndRole(user, password, roles, checkType, null, null) != null;
    }

    private Login login(String user, String password, RemotingConnection connection) {
        Login login = user == null || password == null ? null : logins.get(user);
        if (login == null || !MessageDigest.isEqual(login.password(), utf8(password))) {
            return null;
        }
        if (RUNTIME.equals(login.role()) && !(connection != null && connection.getTransportConnection() instanceof InVMConnection)) {
            return null; // the runtime's identity is for this JVM only
        }
        return login;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
