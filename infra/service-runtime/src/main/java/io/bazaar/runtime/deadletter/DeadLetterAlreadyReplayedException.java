package io.bazaar.runtime.deadletter;

import java.time.Instant;
import java.util.UUID;

/**
 * The dead letter was replayed already. Replaying it again would not harm (consumers skip
 * event ids they applied) but would not help either; a record that fails again after a
 * replay comes back as a new dead letter.
 */
public class DeadLetterAlreadyReplayedException extends RuntimeException {

	DeadLetterAlreadyReplayedException(UUID id, Instant replayedAt) {
		super("Dead letter '" + id + "' was replayed at " + replayedAt + ".");
	}

}
