package io.zohocamel.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

import com.sun.security.auth.UserPrincipal;

/**
 * JAAS login of the Hawtio console: one operator account, http.auth.user / http.auth.password, handed
 * over as the module's options by {@link ConsoleLoginConfiguration} so the password never lands in a
 * JAAS file. A successful login carries the {@link ConsoleRole} Hawtio is told to require.
 */
public final class ConsoleLoginModule implements LoginModule {

    static final String USER = "user";
    static final String PASSWORD = "password";
    static final String ROLE = "role";

    private Subject subject;
    private CallbackHandler callbacks;
    private Map<String, ?> options;
    private String user;
    private boolean succeeded;

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState, Map<String, ?> options) {
        this.subject = subject;
        this.callbacks = callbackHandler;
        this.options = options;
    }

    @Override
    public boolean login() throws LoginException {
        NameCallback name = new NameCallback("user");
        PasswordCallback password = new PasswordCallback("password", false);
        try {
            callbacks.handle(new Callback[] {name, password});
        } catch (Exception e) {
            throw new LoginException("cannot read the credentials: " + e.getMessage());
        }
        char[] given = password.getPassword();
        password.clearPassword();
        // compare both in constant time, so the answer's timing tells nothing about either
        boolean userOk = sameBytes(name.getName(), (String) options.get(USER));
        boolean passwordOk = sameBytes(given == null ? null : new String(given), (String) options.get(PASSWORD));
        if (!(userOk && passwordOk)) {
            throw new FailedLoginException("wrong user or password");
        }
        user = name.getName();
        succeeded = true;
        return true;
    }

    @Override
    public boolean commit() {
        if (!succeeded) {
            return false;
        }
        // a principal class Hawtio knows by name (UserPrincipal), so it can show and log who logged in
        subject.getPrincipals().add(new UserPrincipal(user));
        subject.getPrincipals().add(new ConsoleRole((String) options.get(ROLE)));
        return true;
    }

    @Override
    public boolean abort() {
        succeeded = false;
        user = null;
        return true;
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeIf(p -> p instanceof UserPrincipal || p instanceof ConsoleRole);
        succeeded = false;
        return true;
    }

    private static boolean sameBytes(String given, String expected) {
        if (given == null || expected == null) {
            return false;
        }
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
