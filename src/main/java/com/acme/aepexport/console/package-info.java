/**
 * The console at {@code /console}: server-side pages (Thymeleaf, htmx) that list exports,
 * show one export's steps on a timeline, its error, audiences, runs and webhook
 * deliveries, and carry out the actions the API offers. It reads and acts through the
 * same services as the API, under the same owner rules and scopes ({@code Caller});
 * people sign in at the callers' issuer (authorization code with PKCE). Not part of the
 * OpenAPI document.
 */
@ApplicationModule(allowedDependencies = { "api", "export", "workflow", "webhook" })
package com.acme.aepexport.console;

import org.springframework.modulith.ApplicationModule;
