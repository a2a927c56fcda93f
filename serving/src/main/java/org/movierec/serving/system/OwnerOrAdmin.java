package org.movierec.serving.system;

import java.util.function.Supplier;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Grants {@code /api/users/{id}/**} to the administrator and to the user whose id is {@code {id}};
 * anyone else logged in is refused (403), and nobody anonymous gets here (401 first).
 */
final class OwnerOrAdmin implements AuthorizationManager<RequestAuthorizationContext> {

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
            RequestAuthorizationContext context) {
        Authentication auth = authentication.get();
        if (auth == null || !auth.isAuthenticated() || !(auth.getPrincipal() instanceof AccountPrincipal account)) {
            return new AuthorizationDecision(false);
        }
        return new AuthorizationDecision(account.isAdmin()
                || String.valueOf(account.userId()).equals(context.getVariables().get("id")));
    }
}
