package com.acme.aepexport.adobe;

/**
 * A value in Adobe's answer that an export cannot hold as it is: a schedule frequency or
 * file type outside what this service offers, a field an audience needs that is missing.
 *
 * @param field where in Adobe's entity, as Adobe spells it, e.g.
 * {@code transformations[0].params.segmentSelectors.selectors[2].value.schedule.frequency}
 * @param reason what is wrong with it, naming the value
 */
public record UnsupportedValue(String field, String reason) {

}
