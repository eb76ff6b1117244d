package io.bazaar.notification.inbox;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EventReaderTest {

	private static final ValidatorFactory validation = Validation.buildDefaultValidatorFactory();

	private final EventReader reader = new EventReader(validation.getValidator());

	@AfterAll
	static void close() {
		validation.close();
	}

	@ParameterizedTest(name = "amounts written as {0}")
	@CsvSource(delimiter = '|', value = { "strings|\"12.50\"|\"25.00\"", "numbers|12.50|25.00" })
	void readsAmountsWrittenAsStringsOrNumbers(String form, String unitPrice, String total) {
		OrderConfirmed event = this.reader.read(confirmed(unitPrice, total), OrderConfirmed.class);

		assertThat(event.items().get(0).unitPrice()).isEqualByComparingTo(new BigDecimal("12.50"));
		assertThat(event.total()).isEqualByComparingTo(new BigDecimal("25.00"));
		assertThat(event.items().get(0).quantity()).isEqualTo(2);
	}

	@Test
	void ignoresFieldsItDoesNotUse() {
		String json = """
				{"eventId":"%s","type":"UserRegistered","version":1,"occurredAt":"2025-01-01T10:00:00+01:00",
				 "traceparent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
				 "userId":"%s","email":"ada@example.test","displayName":"Ada","marketingConsent":true}"""
			.formatted(UUID.randomUUID(), UUID.randomUUID());

		UserRegistered event = this.reader.read(json, UserRegistered.class);
		EventHeader header = this.reader.header(json);

		assertThat(event.email()).isEqualTo("ada@example.test");
		assertThat(header.type()).isEqualTo("UserRegistered");
		assertThat(header.version()).isEqualTo(1);
		assertThat(header.traceparent()).startsWith("00-0af7651916cd43dd8448eb211c80319c");
	}

	@Test
	void refusesAnEventMissingWhatItNeedsNamingTheFields() {
		String json = """
				{"eventId":"%s","type":"UserRegistered","version":1,"email":"not an address","displayName":""}"""
			.formatted(UUID.randomUUID());

		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> this.reader.read(json, UserRegistered.class))
			.withMessageContaining("userId")
			.withMessageContaining("email")
			.withMessageContaining("displayName");
	}

	@Test
	void refusesAnOrderWithoutItemsOrWithABadQuantity() {
		assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> this.reader
			.read(confirmed("\"1.00\"", "\"1.00\"").replace("\"quantity\":2", "\"quantity\":0"), OrderConfirmed.class))
			.withMessageContaining("items[0].quantity");
	}

	@Test
	void refusesWhatIsNotJsonOrHasNoType() {
		assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> this.reader.header("{oops"));
		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> this.reader.header("{\"eventId\":\"" + UUID.randomUUID() + "\"}"));
		assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> this.reader.header(null));
	}

	private static String confirmed(String unitPrice, String total) {
		return """
				{"eventId":"%s","type":"OrderConfirmed","version":1,"orderId":"%s","userId":"%s",
				 "items":[{"productId":"%s","sku":"TEA-1","name":"Teapot","quantity":2,"unitPrice":%s,"currency":"EUR"}],
				 "total":%s,"currency":"EUR"}"""
			.formatted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), unitPrice, total);
	}

}
