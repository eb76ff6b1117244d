package io.bazaar.catalog.web;

/**
 * One invalid field of a request, as listed in the {@code errors} of a validation
 * problem.
 *
 * @param field the field, query parameter or path variable, e.g. {@code price.amount}
 * @param message what is wrong with it
 */
public record FieldError(String field, String message) {

}
