package io.bazaar.runtime.web;

import java.util.List;
import java.util.UUID;

import io.bazaar.runtime.validation.FieldError;
import io.bazaar.runtime.validation.InvalidInputException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What every service answers through {@link PlatformProblemAdvice}: the shared types, the
 * {@code errors} of a validation problem, a generic internal error and the trace id.
 */
class PlatformProblemAdviceTest {

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Probe())
		.setControllerAdvice(new ServiceAdvice())
		.setValidator(validator())
		.setMessageConverters(new StringHttpMessageConverter(),
				new JacksonJsonHttpMessageConverter(JsonMapper.builder()
					.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
					.addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
					.build()))
		.build();

	@AfterEach
	void clearTrace() {
		MDC.clear();
	}

	@Test
	void namesEachInvalidFieldOfTheBodySortedByField() throws Exception {
		expectProblem(json(post("/orders"), "{\"name\":\" \",\"quantity\":0}"), 400, "validation")
			.andExpect(jsonPath("$.detail").value("The request has invalid fields: name, quantity."))
			.andExpect(jsonPath("$.errors[0].field").value("name"))
			.andExpect(jsonPath("$.errors[1].field").value("quantity"))
			.andExpect(jsonPath("$.errors[1].message").value("must be greater than or equal to 1"));
	}

	@Test
	void namesAFieldOfTheWrongTypeByItsJsonPath() throws Exception {
		expectProblem(json(post("/orders"), "{\"name\":\"x\",\"quantity\":\"many\"}"), 400, "validation")
			.andExpect(jsonPath("$.errors[0].field").value("quantity"))
			.andExpect(jsonPath("$.errors[0].message").value("has the wrong type or value; expected a number"));
	}

	@Test
	void namesAnUnknownField() throws Exception {
		expectProblem(json(post("/orders"), "{\"name\":\"x\",\"quantity\":1,\"discount\":5}"), 400, "validation")
			.andExpect(jsonPath("$.errors[0].field").value("discount"))
			.andExpect(jsonPath("$.errors[0].message").value("is not a known field"));
	}

	@Test
	void aBodyThatIsNotJsonIsMalformed() throws Exception {
		expectProblem(json(post("/orders"), "{\"name\":"), 400, "malformed-request");
	}

	@Test
	void namesAPathVariableOfTheWrongType() throws Exception {
		expectProblem(get("/orders/not-a-uuid"), 400, "validation").andExpect(jsonPath("$.errors[0].field").value("id"))
			.andExpect(jsonPath("$.errors[0].message").value("must be a valid UUID"));
	}

	@Test
	void namesAListParameterOfTheWrongTypeWithItsElementType() throws Exception {
		expectProblem(get("/orders").param("ids", "abc"), 400, "validation")
			.andExpect(jsonPath("$.errors[0].field").value("ids"))
			.andExpect(jsonPath("$.errors[0].message").value("must be a comma-separated list of UUID values"));
	}

	@Test
	void namesAMissingHeader() throws Exception {
		expectProblem(get("/keyed"), 400, "validation")
			.andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"))
			.andExpect(jsonPath("$.errors[0].message").value("is required"));
	}

	@Test
	void answersInputRefusedAfterBindingAsAValidationProblem() throws Exception {
		expectProblem(get("/refused"), 400, "validation").andExpect(jsonPath("$.errors[0].field").value("category"))
			.andExpect(jsonPath("$.errors[0].message").value("is not a category"));
	}

	@Test
	void givesSpringsOwnRefusalsATypeByStatus() throws Exception {
		expectProblem(post("/keyed").contentType(MediaType.APPLICATION_JSON).content("{}"), 405, "method-not-allowed");
		expectProblem(post("/orders").contentType(MediaType.TEXT_PLAIN).content("x"), 415, "unsupported-media-type");
	}

	@Test
	void answersAnUnexpectedFailureWithAGenericProblemAndTheTraceId() throws Exception {
		MDC.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
		expectProblem(get("/broken"), 500, "internal-error")
			.andExpect(jsonPath("$.detail").value("The request could not be completed; it has been logged."))
			.andExpect(jsonPath("$.traceId").value("4bf92f3577b34da6a3ce929d0e0e4736"))
			.andExpect(content().string(not(containsString("secret"))));
	}

	@Test
	void keepsAServicesOwnProblemAndAddsTheTraceId() throws Exception {
		MDC.put("traceId", "0af7651916cd43dd8448eb211c80319c");
		expectProblem(get("/sold-out"), 409, "sold-out")
			.andExpect(jsonPath("$.traceId").value("0af7651916cd43dd8448eb211c80319c"));
	}

	private ResultActions expectProblem(MockHttpServletRequestBuilder request, int status, String slug)
			throws Exception {
		return this.mvc.perform(request)
			.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(ProblemTypes.BASE + slug))
			.andExpect(jsonPath("$.status").value(status));
	}

	private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
		return request.contentType(MediaType.APPLICATION_JSON).content(body);
	}

	private static LocalValidatorFactoryBean validator() {
		LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
		validator.setMessageInterpolator(new ParameterMessageInterpolator());
		validator.afterPropertiesSet();
		return validator;
	}

	record OrderRequest(@NotBlank String name, @Min(1) int quantity) {
	}

	static class SoldOutException extends RuntimeException {

	}

	@RestController
	static class Probe {

		@PostMapping("/orders")
		String place(@Valid @RequestBody OrderRequest request) {
			return "placed";
		}

		@GetMapping("/orders")
		String orders(@RequestParam List<UUID> ids) {
			return ids.toString();
		}

		@GetMapping("/orders/{id}")
		String order(@PathVariable UUID id) {
			return id.toString();
		}

		@GetMapping("/keyed")
		String keyed(@RequestHeader("Idempotency-Key") String key) {
			return key;
		}

		@GetMapping("/refused")
		String refused() {
			throw new InvalidInputException(List.of(new FieldError("category", "is not a category")));
		}

		@GetMapping("/broken")
		String broken() {
			throw new IllegalStateException("secret connection string");
		}

		@GetMapping("/sold-out")
		String soldOut() {
			throw new SoldOutException();
		}

	}

	@RestControllerAdvice
	static class ServiceAdvice extends PlatformProblemAdvice {

		@ExceptionHandler(SoldOutException.class)
		ResponseEntity<Object> soldOut(SoldOutException ex, WebRequest request) {
			return respond(ex, ProblemTypes.problem(HttpStatus.CONFLICT, "sold-out", "Sold out", "Nothing left."),
					new HttpHeaders(), request);
		}

	}

}
