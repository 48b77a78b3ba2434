package com.acme.aepexport.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A controller of {@code /exports}: each capability of an export has its own, all under
 * one path and one tag of the contract.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@RestController
@RequestMapping("/exports")
@Validated
@Tag(name = "Exports", description = "Activate audiences to a cloud-storage destination and follow the workflow.")
@interface ExportsApi {

}
