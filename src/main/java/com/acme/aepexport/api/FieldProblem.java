package com.acme.aepexport.api;

/**
 * One bad field of a request, as {@code errors[]} of a validation problem lists it.
 *
 * @param field the JSON path of the field, e.g. {@code destination.credentials.sshKey} or
 * {@code audiences[1].id}
 */
record FieldProblem(String field, String message) {

}
