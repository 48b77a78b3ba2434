package com.acme.aepexport.adobe;

/**
 * What an entity is called in Adobe: its name (how a lost create is found again) and a
 * description for people who look at it in Adobe's UI.
 */
public record EntityName(String name, String description) {

}
