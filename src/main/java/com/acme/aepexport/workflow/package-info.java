/**
 * The workflow: the table of an export's steps ({@code ExportSteps}), the graph derived
 * from it, the runner and the teardown, changes in place, imports of dataflows built
 * elsewhere ({@code ExportImports}), the runs' read model, and the workers that run it
 * all in the background.
 */
@ApplicationModule(allowedDependencies = { "export", "adobe" })
package com.acme.aepexport.workflow;

import org.springframework.modulith.ApplicationModule;
