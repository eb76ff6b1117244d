package io.bazaar.notification.inbox;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * This service's reading of user-service's {@code UserRegistered} (topic
 * {@code users.events.v1}): only the fields it uses.
 *
 * @param eventId the event's id
 * @param userId the new user
 * @param email their address
 * @param displayName their name
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record UserRegistered(@NotNull UUID eventId, @NotNull UUID userId, @NotBlank @Email String email,
		@NotBlank String displayName) {

	static final String TYPE = "UserRegistered";

}
