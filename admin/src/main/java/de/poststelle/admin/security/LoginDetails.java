package de.poststelle.admin.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** What the login form sends besides user name and password: the one-time code, if the account uses one. */
public final class LoginDetails extends WebAuthenticationDetails {

    static final String CODE_PARAMETER = "code";

    private final String code;

    public LoginDetails(HttpServletRequest request) {
        super(request);
        String given = request.getParameter(CODE_PARAMETER);
        this.code = given == null ? "" : given;
    }

    public String code() {
        return code;
    }
}
