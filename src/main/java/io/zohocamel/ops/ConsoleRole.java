package io.zohocamel.ops;

import java.security.Principal;

/**
 * The role a console login grants. Hawtio checks roles by principal class ({@code hawtio.rolePrincipalClasses})
 * and name ({@code hawtio.roles}); it needs a public constructor taking the role name.
 */
public record ConsoleRole(String name) implements Principal {

    @Override
    public String getName() {
        return name;
    }
}
