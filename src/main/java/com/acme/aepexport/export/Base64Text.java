package com.acme.aepexport.export;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Base64;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * Standard base64 text (SSH private keys and PGP public keys are sent to Adobe so).
 */
@Documented
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Base64Text.Validator.class)
public @interface Base64Text {

	String message() default "must be base64 (the key file's bytes, base64-encoded)";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator extends TextRule<Base64Text> {

		@Override
		protected boolean reads(String value) {
			return !value.isBlank() && Base64.getMimeDecoder().decode(value).length > 0
					&& value.matches("[A-Za-z0-9+/=\\r\\n]+");
		}

	}

}
