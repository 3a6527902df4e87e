package de.poststelle.admin.security;

import de.poststelle.admin.access.AccessControl;
import de.poststelle.admin.access.Actor;
import de.poststelle.store.tenant.AdminUserRepository;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives controllers an {@link Actor} parameter: the logged-in admin with roles and delegations as
 * they stand at this request, and the client address for the audit log.
 */
public final class CurrentActor implements HandlerMethodArgumentResolver {

    private final AdminUserRepository users;
    private final AccessControl access;

    public CurrentActor(AdminUserRepository users, AccessControl access) {
        this.users = users;
        this.access = access;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Actor.class;
    }

    @Override
    public Actor resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                 NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            throw new InsufficientAuthenticationException("not logged in");
        }
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        return users.findByUsername(authentication.getName())
                .map(user -> new Actor(access.authorityOf(user), request == null ? "" : request.getRemoteAddr()))
                .orElseThrow(() -> new InsufficientAuthenticationException("account no longer exists"));
    }
}
