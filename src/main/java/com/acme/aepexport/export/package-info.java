/**
 * The export aggregate and its steps' state (Adobe ids, etags, attempts, errors), stored
 * with Flyway and JPA.
 */
@ApplicationModule(allowedDependencies = {})
package com.acme.aepexport.export;

import org.springframework.modulith.ApplicationModule;
