package com.acme.aepexport.export;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/**
 * A {@link StepError} as it is stored on an export and on each step.
 */
@Embeddable
class ErrorColumns {

	@Enumerated(EnumType.STRING)
	@Column(name = "error_step")
	private StepName step;

	@Column(name = "error_http_status")
	private Integer httpStatus;

	@Column(name = "error_adobe_code")
	private String adobeCode;

	@Column(name = "error_message")
	private String message;

	@Column(name = "error_retryable")
	private Boolean retryable;

	protected ErrorColumns() {
	}

	static ErrorColumns of(StepError error) {
		if (error == null) {
			return null;
		}
		ErrorColumns columns = new ErrorColumns();
		columns.step = error.step();
		columns.httpStatus = error.httpStatus();
		columns.adobeCode = error.adobeCode();
		columns.message = error.message();
		columns.retryable = error.retryable();
		return columns;
	}

	static StepError toError(ErrorColumns columns) {
		if (columns == null || columns.step == null) {
			return null;
		}
		return new StepError(columns.step, columns.httpStatus, columns.adobeCode, columns.message,
				Boolean.TRUE.equals(columns.retryable));
	}

}
