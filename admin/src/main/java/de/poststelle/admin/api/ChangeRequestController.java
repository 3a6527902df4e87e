package de.poststelle.admin.api;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.ChangeRequestService;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Optional;

/** Change requests for the standard scenarios: filed by tenants and partners, moved on by the responsible role. */
@RestController
@RequestMapping("/api/v1/change-requests")
class ChangeRequestController {

    private final ChangeRequestService requests;

    ChangeRequestController(ChangeRequestService requests) {
        this.requests = requests;
    }

    /** The requests of the caller's tenants and those it filed itself; all of them for an operator. */
    @GetMapping
    List<ChangeRequestDto> listChangeRequests(Actor actor) {
        return requests.list(actor).stream().map(ChangeRequestDto::from).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ChangeRequestDto fileChangeRequest(Actor actor, @Valid @RequestBody ChangeRequestDto.Filing filing) {
        return ChangeRequestDto.from(requests.file(actor, Optional.ofNullable(filing.tenantId()), filing.scenario(),
                filing.description()));
    }

    @GetMapping("/{id}")
    ChangeRequestDto getChangeRequest(Actor actor, @PathVariable long id) {
        return ChangeRequestDto.from(requests.get(actor, id));
    }

    @PutMapping("/{id}/state")
    ChangeRequestDto moveChangeRequest(Actor actor, @PathVariable long id, @Valid @RequestBody ChangeRequestDto.Move move) {
        return ChangeRequestDto.from(requests.move(actor, id, move.state(), move.note()));
    }
}
