package io.bazaar.notification.web;

/**
 * One invalid part of a request, as listed in the {@code errors} of a validation problem.
 *
 * @param field the body field, query parameter, path variable or header, e.g.
 * {@code size} or {@code Last-Event-ID}
 * @param message what is wrong with it
 */
public record FieldError(String field, String message) {

}
