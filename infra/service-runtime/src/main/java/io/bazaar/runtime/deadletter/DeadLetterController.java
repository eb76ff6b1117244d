package io.bazaar.runtime.deadletter;

import java.util.List;
import java.util.UUID;

import io.bazaar.runtime.web.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/admin/dead-letters}: the records this service's consumers gave up on, with
 * their cause, and their replay. The service's security rules restrict it to ADMIN.
 */
@RestController
@RequestMapping("/api/admin/dead-letters")
class DeadLetterController {

	private static final int MAX_LIMIT = 500;

	private final DeadLetterStore store;

	private final DeadLetterReplay replay;

	DeadLetterController(DeadLetterStore store, DeadLetterReplay replay) {
		this.store = store;
		this.replay = replay;
	}

	/**
	 * Dead letters, newest first.
	 * @param replayed only those replayed ({@code true}) or not ({@code false})
	 * @param limit the most to return (at most {@value #MAX_LIMIT})
	 */
	@GetMapping
	Letters list(@RequestParam(required = false) Boolean replayed, @RequestParam(defaultValue = "100") int limit) {
		return new Letters(this.store.list(replayed, Math.max(1, Math.min(limit, MAX_LIMIT))));
	}

	@GetMapping("/{id}")
	DeadLetter get(@PathVariable UUID id) {
		return this.store.find(id).orElseThrow(() -> new DeadLetterNotFoundException(id));
	}

	@PostMapping("/{id}/replay")
	DeadLetter replay(@PathVariable UUID id) {
		return this.replay.replay(id);
	}

	/** Replays every letter not replayed yet. */
	@PostMapping("/replay")
	Letters replayAll() {
		return new Letters(this.replay.replayAll());
	}

	@ExceptionHandler
	ProblemDetail notFound(DeadLetterNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail alreadyReplayed(DeadLetterAlreadyReplayedException ex) {
		return problem(HttpStatus.CONFLICT, "dead-letter-already-replayed", "Dead letter already replayed",
				ex.getMessage());
	}

	private static ProblemDetail problem(HttpStatus status, String slug, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(ProblemTypes.of(slug));
		problem.setTitle(title);
		return problem;
	}

	/**
	 * @param items the letters
	 */
	record Letters(List<DeadLetter> items) {

	}

}
