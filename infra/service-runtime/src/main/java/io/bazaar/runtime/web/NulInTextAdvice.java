package io.bazaar.runtime.web;

import java.util.List;

import io.bazaar.runtime.web.NulRejectingStringDeserializer.NulInTextException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A JSON body with NUL in a text value is answered 400, naming the field. Ordered first:
 * the failure arrives as the cause of the {@code HttpMessageNotReadableException} each
 * service's own advice would otherwise answer as a type mismatch.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class NulInTextAdvice {

	@ExceptionHandler(NulInTextException.class)
	ResponseEntity<ProblemDetail> nulInText(NulInTextException ex) {
		return ResponseEntity.status(HttpStatus.BAD_REQUEST)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(NulCharacters.problem(List.of(ex.field())));
	}

}
