package com.acme.aepexport.export;

/**
 * The export after its dataflow was enabled or disabled.
 *
 * @param changed whether Adobe's dataflow was switched; {@code false} when Adobe held it
 * in that state already
 */
public record DataflowSwitched(ExportView export, boolean changed) {

}
