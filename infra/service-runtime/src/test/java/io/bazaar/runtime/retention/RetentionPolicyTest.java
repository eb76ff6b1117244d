package io.bazaar.runtime.retention;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RetentionPolicyTest {

	@ParameterizedTest(name = "table \"{0}\" is refused")
	@ValueSource(strings = { "", "Outbox", "outbox; DROP TABLE x", "public.outbox_event", "1table" })
	void tableMustBeAPlainIdentifier(String table) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RetentionPolicy.of(table, "created_at", Duration.ofDays(1)));
	}

	@ParameterizedTest(name = "retention {0} is refused")
	@ValueSource(strings = { "PT0S", "-PT1H" })
	void retentionMustBePositive(String retention) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RetentionPolicy.of("outbox_event", "published_at", Duration.parse(retention)));
	}

}
