package org.samepath.profile.audit;

import org.samepath.platform.security.Roles;
import org.springframework.security.core.Authentication;

/** Who did something: their person id and the role they acted in. */
public record Actor(String personId, String role) {

    /** The caller, acting in their most privileged role. */
    public static Actor of(Authentication caller) {
        return new Actor(caller.getName(), Roles.primary(caller));
    }

    public static boolean hasRole(Authentication caller, String role) {
        return Roles.has(caller, role);
    }
}
