/**
 * The HTTP edge: controllers, request and response records, problems, the OpenAPI
 * document.
 */
@ApplicationModule(allowedDependencies = { "export", "workflow", "webhook" })
package com.acme.aepexport.api;

import org.springframework.modulith.ApplicationModule;
