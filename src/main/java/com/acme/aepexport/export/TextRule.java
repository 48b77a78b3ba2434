package com.acme.aepexport.export;

import java.lang.annotation.Annotation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * The validator of a constraint on text that must read as something: {@code null} is
 * {@code @NotNull}'s business, and text that its reading refuses (by throwing) breaks the
 * constraint, as text it reads as unfit does.
 */
public abstract class TextRule<A extends Annotation> implements ConstraintValidator<A, String> {

	@Override
	public final boolean isValid(String value, ConstraintValidatorContext context) {
		if (value == null) {
			return true;
		}
		try {
			return reads(value);
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/** Whether the text reads as what the constraint asks for. */
	protected abstract boolean reads(String value);

}
