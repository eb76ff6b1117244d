package io.bazaar.user.web;

/**
 * One entry of a validation problem's {@code errors}.
 *
 * @param field the request field, as a JSON path ({@code address.lines[0]})
 * @param message what is wrong with it
 */
record FieldProblem(String field, String message) {

}
