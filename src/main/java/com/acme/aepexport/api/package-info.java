/**
 * The HTTP edge: controllers, request and response records, problems, the OpenAPI
 * document.
 */
@ApplicationModule(allowedDependencies = { "export", "workflow" })
package com.acme.aepexport.api;

import org.springframework.modulith.ApplicationModule;
