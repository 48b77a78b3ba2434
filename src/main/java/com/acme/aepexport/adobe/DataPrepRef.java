package com.acme.aepexport.adobe;

/**
 * A Data Prep schema or mapping set as created: its id and version (Data Prep has no
 * etags).
 */
public record DataPrepRef(String id, Integer version) {

}
