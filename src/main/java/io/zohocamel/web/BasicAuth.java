package io.zohocamel.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** HTTP Basic login for the operator pages (user and password from http.auth.*), compared in constant time. */
public final class BasicAuth {

    private final byte[] expected;

    public BasicAuth(String user, String password) {
        this.expected = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
    }

    public boolean accepts(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            byte[] given = Base64.getDecoder().decode(authorizationHeader.substring(6).trim());
            return MessageDigest.isEqual(expected, given);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }
}
