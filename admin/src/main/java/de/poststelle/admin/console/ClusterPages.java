package de.poststelle.admin.console;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.ClusterService;
import de.poststelle.core.tenant.GatewayCluster;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Gateway clusters and the nodes that run in them, the operator's alone. */
@Controller
class ClusterPages {

    record ClusterForm(@Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}") String name,
                       @Size(max = 500) String description) {
    }

    private final ClusterService clusters;
    private final NodeRows nodes;

    ClusterPages(ClusterService clusters, NodeRows nodes) {
        this.clusters = clusters;
        this.nodes = nodes;
    }

    @GetMapping("/clusters")
    String list(Actor actor, Model model) {
        return page(actor, model, new ClusterForm("", ""));
    }

    @PostMapping("/clusters")
    String save(Actor actor, @Valid @ModelAttribute("form") ClusterForm form, BindingResult result, Model model,
                RedirectAttributes redirect) {
        if (!Forms.attempt(result, "name",
                () -> clusters.save(actor, new GatewayCluster(form.name(), form.description())))) {
            return page(actor, model, form);
        }
        redirect.addFlashAttribute("notice", "clusters.saved");
        return "redirect:/clusters";
    }

    @PostMapping("/clusters/{name}/delete")
    String delete(Actor actor, @PathVariable String name, RedirectAttributes redirect) {
        clusters.delete(actor, name);
        redirect.addFlashAttribute("notice", "clusters.deleted");
        return "redirect:/clusters";
    }

    private String page(Actor actor, Model model, ClusterForm form) {
        model.addAttribute("clusters", clusters.list(actor));
        model.addAttribute("nodes", nodes.of(clusters.nodes(actor)));
        model.addAttribute("form", form);
        return "clusters";
    }
}
