package de.poststelle.admin.console;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Long lists (audit log, mail queue) shown 50 entries a page. The page number is a query
 * parameter next to the filter's, so every page is a link that can be passed on. The links are
 * made here, not in the template: Thymeleaf does not let a link be computed from the request there.
 */
final class Paging {

    static final int PAGE_SIZE = 50;

    /** The page asked for; missing or nonsense means the first. */
    static int number(Integer page) {
        return page == null || page < 1 ? 1 : page;
    }

    /**
     * Puts one page of entries under {@code name} into the model, with the links to the previous
     * and the next page when there are such pages ({@code previousPage}, {@code nextPage});
     * {@code query} takes a limit and an offset. One more than a page tells whether there is a next.
     */
    static <T> void fetch(int page, BiFunction<Integer, Integer, List<T>> query, String name, Model model) {
        List<T> found = query.apply(PAGE_SIZE + 1, (page - 1) * PAGE_SIZE);
        model.addAttribute(name, found.stream().limit(PAGE_SIZE).toList());
        if (page > 1) {
            model.addAttribute("previousPage", link(page - 1));
        }
        if (found.size() > PAGE_SIZE) {
            model.addAttribute("nextPage", link(page + 1));
        }
    }

    /** The current page's address with another page number and the same filter. */
    private static String link(int page) {
        HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
                .getRequest();
        return UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString())
                .replaceQueryParam("page", page).build().toUriString();
    }
}
