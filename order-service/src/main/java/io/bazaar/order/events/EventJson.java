package io.bazaar.order.events;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Reads and writes events as JSON. Reading tolerates fields it does not know, so a
 * producer may add fields without breaking this consumer.
 */
@Component
public class EventJson {

	private final JsonMapper mapper;

	public EventJson(JsonMapper mapper) {
		this.mapper = mapper.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
	}

	public String write(Event event) {
		return this.mapper.writeValueAsString(event);
	}

	/**
	 * @throws tools.jackson.core.JacksonException when the text is not such an event
	 */
	public <T> T read(String json, Class<T> type) {
		return this.mapper.readValue(json, type);
	}

}
