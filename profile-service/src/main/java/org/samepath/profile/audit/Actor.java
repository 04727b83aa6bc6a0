package org.samepath.profile.audit;

import org.springframework.security.core.Authentication;

/** Who did something: their person id and the role they acted in. */
public record Actor(String personId, String role) {

    private static final String[] ROLES = {"COORDINATOR", "MENTOR", "NEWCOMER"};

    /** The caller, acting in their most privileged role. */
    public static Actor of(Authentication caller) {
        for (String role : ROLES) {
            if (hasRole(caller, role)) {
                return new Actor(caller.getName(), role);
            }
        }
        return new Actor(caller.getName(), "NONE");
    }

    public static boolean hasRole(Authentication caller, String role) {
        return caller.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + role));
    }
}
