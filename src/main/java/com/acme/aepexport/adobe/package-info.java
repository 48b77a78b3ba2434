/**
 * The only code that knows Adobe: IMS tokens, the WebClient and its call policy; calls
 * that take an export's own terms (its destination, file settings, audiences, keys) and
 * spell them as Adobe does ({@code AdobeTerms}), and reads that give a dataflow built
 * elsewhere back in them; the wire records, package-private.
 */
@ApplicationModule(allowedDependencies = { "export" })
package com.acme.aepexport.adobe;

import org.springframework.modulith.ApplicationModule;
