/**
 * The only code that knows Adobe: IMS tokens, the WebClient and its call policy, wire
 * records in Adobe's spelling.
 */
@ApplicationModule(allowedDependencies = {})
package com.acme.aepexport.adobe;

import org.springframework.modulith.ApplicationModule;
