package io.bazaar.catalog.web;

import io.bazaar.runtime.web.PlatformProblemAdvice;

import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every error the catalog answers, as {@code application/problem+json}: the platform's
 * problems ({@link PlatformProblemAdvice}); the problems of its own domain are raised as
 * {@code ErrorResponseException}s with their own types.
 */
@RestControllerAdvice
class ProblemAdvice extends PlatformProblemAdvice {

}
