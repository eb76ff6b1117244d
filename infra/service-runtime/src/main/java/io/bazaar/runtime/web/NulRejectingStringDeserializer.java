package io.bazaar.runtime.web;

import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Reads JSON text as usual but refuses a value that contains NUL, failing with
 * {@link NulInTextException}, whose path names the field ({@code address.lines[0]}); the
 * same for the keys of a map.
 */
final class NulRejectingStringDeserializer extends StringDeserializer {

	/** The module that puts this deserializer in place of Jackson's own for text. */
	static SimpleModule module() {
		return new SimpleModule("reject-nul-in-text")
			.addDeserializer(String.class, new NulRejectingStringDeserializer())
			.addKeyDeserializer(String.class, new KeyDeserializer() {

				@Override
				public Object deserializeKey(String key, DeserializationContext context) {
					if (NulCharacters.in(key)) {
						throw new NulInTextException(context.getParser());
					}
					return key;
				}

			});
	}

	@Override
	public String deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
		String value = super.deserialize(parser, context);
		if (NulCharacters.in(value)) {
			throw new NulInTextException(parser);
		}
		return value;
	}

	/** A JSON text value that carries NUL. */
	static final class NulInTextException extends MismatchedInputException {

		NulInTextException(JsonParser parser) {
			super(parser, "Text " + NulCharacters.MESSAGE, String.class);
		}

		/** The JSON path of the value, e.g. {@code items[2].name}. */
		String field() {
			String path = getPath().stream()
				.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
						: "[" + reference.getIndex() + "]")
				.collect(Collectors.joining("."))
				.replace(".[", "[");
			return path.isEmpty() ? "body" : path;
		}

	}

}
