package io.bazaar.order.web;

/**
 * One invalid part of a request.
 *
 * @param field the JSON path of the body field ({@code items[0].quantity}), or the name
 * of the header or parameter
 * @param message what is wrong with it
 */
public record FieldError(String field, String message) {

}
