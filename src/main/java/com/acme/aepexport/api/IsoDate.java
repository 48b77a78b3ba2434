package com.acme.aepexport.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalDate;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import com.acme.aepexport.export.TextRule;

/**
 * A calendar date written {@code YYYY-MM-DD}, as Adobe's schedules take it.
 */
@Documented
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = IsoDate.Validator.class)
public @interface IsoDate {

	/** {@code YYYY-MM-DD}. */
	int LENGTH = 10;

	String message() default "must be a date written YYYY-MM-DD";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator extends TextRule<IsoDate> {

		@Override
		protected boolean reads(String value) {
			return value.length() == LENGTH && LocalDate.parse(value) != null;
		}

	}

}
