package com.acme.aepexport.adobe;

/**
 * A Data Prep mapping set attached to a flow at
 * {@code /transformations/0/params/profileMapping}.
 */
record ProfileMapping(String mappingId, int mappingVersion) {

}
