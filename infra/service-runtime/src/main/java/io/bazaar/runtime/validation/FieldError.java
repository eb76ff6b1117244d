package io.bazaar.runtime.validation;

/**
 * One invalid field of a request, as listed in the {@code errors} of a problem.
 *
 * @param field the field as a JSON path ({@code items[2].quantity}), or the query
 * parameter, path variable or header
 * @param message what is wrong with it
 */
public record FieldError(String field, String message) {

}
