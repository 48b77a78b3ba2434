package com.acme.aepexport.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.List;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import com.acme.aepexport.export.LiteralMessages;

/**
 * A text that must be one of a closed set: the constants of an enum, or the given values.
 * Closed values are read as text and checked here rather than bound to enums by Jackson,
 * which stops at the first bad one: a request hears of every bad field at once.
 */
@Documented
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = OneOf.Validator.class)
public @interface OneOf {

	/** The enum whose constant names are allowed. */
	Class<? extends Enum<?>> value() default NoEnum.class;

	/** Allowed values, when there is no enum. */
	String[] values() default {};

	String message() default "is not one of the allowed values";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	enum NoEnum {

	}

	class Validator implements ConstraintValidator<OneOf, String> {

		private List<String> allowed;

		@Override
		public void initialize(OneOf annotation) {
			this.allowed = (annotation.value() != NoEnum.class)
					? Arrays.stream(annotation.value().getEnumConstants()).map(Enum::name).toList()
					: List.of(annotation.values());
		}

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			if (value == null || this.allowed.contains(value)) {
				return true;
			}
			context.disableDefaultConstraintViolation();
			String allowed = String.join(", ", this.allowed.stream().map(Validator::quoted).toList());
			context.buildConstraintViolationWithTemplate(LiteralMessages.literal("must be one of " + allowed))
				.addConstraintViolation();
			return false;
		}

		/** As JSON writes it, so that "" and "\t" can be told apart. */
		private static String quoted(String value) {
			return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t") + "\"";
		}

	}

}
