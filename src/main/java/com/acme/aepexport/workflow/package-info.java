/**
 * The step graph and its runner: one class per step, each declaring what it needs;
 * background execution.
 */
@ApplicationModule(allowedDependencies = { "export", "adobe" })
package com.acme.aepexport.workflow;

import org.springframework.modulith.ApplicationModule;
