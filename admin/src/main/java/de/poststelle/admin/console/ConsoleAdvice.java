package de.poststelle.admin.console;

import de.poststelle.admin.access.AccessControl;
import de.poststelle.admin.access.ConflictException;
import de.poststelle.admin.access.ForbiddenException;
import de.poststelle.admin.access.NotFoundException;
import de.poststelle.store.tenant.AdminUserRepository;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

import java.security.Principal;

/**
 * What every console page needs: the logged-in user for navigation, and refusals of the services
 * turned into friendly pages with the right status, never a stack trace.
 */
@ControllerAdvice(basePackageClasses = ConsoleConfiguration.class)
class ConsoleAdvice {

    private final AdminUserRepository users;
    private final AccessControl access;

    ConsoleAdvice(AdminUserRepository users, AccessControl access) {
        this.users = users;
        this.access = access;
    }

    /** Null on the login page, where nobody is logged in yet. */
    @ModelAttribute("me")
    ConsoleUser me(Principal principal) {
        if (principal == null) {
            return null;
        }
        return users.findByUsername(principal.getName()).map(user -> new ConsoleUser(access.authorityOf(user)))
                .orElse(null);
    }

    /** The page's path without the context path, for the navigation's current page and the language switch. */
    @ModelAttribute("path")
    String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(Principal principal, HttpServletRequest request) {
        return problem(principal, request, HttpStatus.NOT_FOUND, "problem.not-found");
    }

    @ExceptionHandler(ForbiddenException.class)
    ModelAndView forbidden(Principal principal, HttpServletRequest request) {
        return problem(principal, request, HttpStatus.FORBIDDEN, "problem.forbidden");
    }

    /** A refusal that no form field can show, e.g. from a button or a changed link. */
    @ExceptionHandler({IllegalArgumentException.class, ConflictException.class})
    ModelAndView refused(RuntimeException refusal, Principal principal, HttpServletRequest request) {
        ModelAndView page = problem(principal, request,
                refusal instanceof ConflictException ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST, "problem.refused");
        page.addObject("reason", refusal.getMessage());
        return page;
    }

    private ModelAndView problem(Principal principal, HttpServletRequest request, HttpStatus status, String message) {
        ModelAndView page = new ModelAndView("problem", status);
        page.addObject("me", me(principal));
        page.addObject("path", path(request));
        page.addObject("status", status.value());
        page.addObject("message", message);
        return page;
    }
}
