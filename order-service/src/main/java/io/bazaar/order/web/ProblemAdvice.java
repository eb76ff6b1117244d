package io.bazaar.order.web;

import io.bazaar.runtime.web.PlatformProblemAdvice;

import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every error the order service answers, as {@code application/problem+json}: the
 * platform's problems ({@link PlatformProblemAdvice}); the problems of ordering and
 * placement are raised as {@code ErrorResponseException}s with their own types.
 */
@RestControllerAdvice
class ProblemAdvice extends PlatformProblemAdvice {

}
