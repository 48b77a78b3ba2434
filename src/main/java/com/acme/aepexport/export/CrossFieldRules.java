package com.acme.aepexport.export;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Rules that span several fields of a request record, written next to its fields (the
 * record implements {@link Checked}). Each broken rule names the field a caller has to
 * change, not the rule.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = CrossFieldRules.Validator.class)
public @interface CrossFieldRules {

	String message() default "is inconsistent";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	interface Checked {

		void check(Violations violations);

	}

	/** The broken rules of one record: the field each concerns and why. */
	final class Violations {

		private final List<String[]> found = new ArrayList<>();

		public void reject(String field, String message) {
			this.found.add(new String[] { field, message });
		}

	}

	class Validator implements ConstraintValidator<CrossFieldRules, Checked> {

		@Override
		public boolean isValid(Checked value, ConstraintValidatorContext context) {
			if (value == null) {
				return true;
			}
			Violations violations = new Violations();
			value.check(violations);
			if (violations.found.isEmpty()) {
				return true;
			}
			context.disableDefaultConstraintViolation();
			for (String[] violation : violations.found) {
				context.buildConstraintViolationWithTemplate(LiteralMessages.literal(violation[1]))
					.addPropertyNode(violation[0])
					.addConstraintViolation();
			}
			return false;
		}

	}

}
