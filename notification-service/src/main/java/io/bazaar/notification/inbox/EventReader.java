package io.bazaar.notification.inbox;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Reads events as a tolerant reader: fields this service does not use are ignored, the
 * ones it uses are checked.
 */
@Component
class EventReader {

	private final JsonMapper json = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final Validator validator;

	EventReader(Validator validator) {
		this.validator = validator;
	}

	EventHeader header(String value) {
		EventHeader header = parse(value, EventHeader.class);
		if (header == null || header.eventId() == null || header.type() == null) {
			throw new InvalidEventException("The event has no eventId or type", null);
		}
		return header;
	}

	<T> T read(String value, Class<T> type) {
		T event = parse(value, type);
		Set<ConstraintViolation<T>> violations = this.validator.validate(event);
		if (!violations.isEmpty()) {
			throw new InvalidEventException("Invalid " + type.getSimpleName() + ": "
					+ violations.stream()
						.map((violation) -> violation.getPropertyPath() + " " + violation.getMessage())
						.sorted()
						.collect(Collectors.joining(", ")),
					null);
		}
		return event;
	}

	private <T> T parse(String value, Class<T> type) {
		if (value == null) {
			throw new InvalidEventException("The event has no value", null);
		}
		try {
			return this.json.readValue(value, type);
		}
		catch (JacksonException ex) {
			throw new InvalidEventException("The event is not a readable " + type.getSimpleName(), ex);
		}
	}

}
