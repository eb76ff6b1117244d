package io.bazaar.runtime.web;

import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Database failures answer 503 problem+json with {@code Retry-After}, ahead of a
 * service's own catch-all advice; other failures still reach that advice.
 */
class DatabaseUnavailableAdviceTest {

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new FailingController())
		.setControllerAdvice(new CatchAllAdvice(), new DatabaseUnavailableAdvice())
		.build();

	@Test
	void noConnectionFromThePoolIsServiceUnavailable() throws Exception {
		this.mvc.perform(get("/no-connection"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(content().contentType("application/problem+json"))
			.andExpect(header().string("Retry-After", "5"))
			.andExpect(jsonPath("$.type").value("https://bazaar.example/problems/service-unavailable"))
			.andExpect(jsonPath("$.status").value(503))
			.andExpect(jsonPath("$.instance").value("/no-connection"));
	}

	@Test
	void noTransactionBecauseTheDatabaseIsDownIsServiceUnavailable() throws Exception {
		this.mvc.perform(get("/no-transaction"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(jsonPath("$.type").value("https://bazaar.example/problems/service-unavailable"));
	}

	@Test
	void otherFailuresStillReachTheServicesOwnAdvice() throws Exception {
		this.mvc.perform(get("/bug")).andExpect(status().isInternalServerError());
	}

	@RestController
	static class FailingController {

		@GetMapping("/no-connection")
		String noConnection() {
			throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
					new SQLTransientConnectionException("Connection is not available, request timed out after 1000ms"));
		}

		@GetMapping("/no-transaction")
		String noTransaction() {
			throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction");
		}

		@GetMapping("/bug")
		String bug() {
			throw new IllegalStateException("a bug");
		}

	}

	@RestControllerAdvice
	static class CatchAllAdvice {

		@ExceptionHandler(Exception.class)
		ResponseEntity<String> unexpected(Exception ex) {
			return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body("internal error");
		}

	}

}
