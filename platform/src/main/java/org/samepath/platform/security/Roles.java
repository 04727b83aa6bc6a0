package org.samepath.platform.security;

import org.springframework.security.core.Authentication;

/** The one way to ask which Samepath role a caller has (from the token's {@code roles} claim). */
public final class Roles {

    public static final String NEWCOMER = "NEWCOMER";
    public static final String MENTOR = "MENTOR";
    public static final String COORDINATOR = "COORDINATOR";

    private Roles() {}

    public static boolean has(Authentication caller, String role) {
        return caller.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + role));
    }

    /** The caller's most privileged role, for audit trails and events. */
    public static String primary(Authentication caller) {
        for (String role : new String[] {COORDINATOR, MENTOR, NEWCOMER}) {
            if (has(caller, role)) {
                return role;
            }
        }
        return "NONE";
    }
}
