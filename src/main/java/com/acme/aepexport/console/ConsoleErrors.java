package com.acme.aepexport.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import lombok.RequiredArgsConstructor;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import com.acme.aepexport.export.ExportNotFound;

/**
 * What every console page knows (who looks, how to write times), and the console's errors
 * as pages, before the API's problem handler would answer them as JSON.
 */
@ControllerAdvice(assignableTypes = { ConsoleController.class, ConsoleActions.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
@RequiredArgsConstructor
class ConsoleErrors {

	/** htmx's own status: stop polling the element that asked. */
	static final int STOP_POLLING = 286;

	private final Viewers viewers;

	@ModelAttribute("viewer")
	Viewer viewer() {
		return this.viewers.current();
	}

	@ModelAttribute("fmt")
	Format format() {
		return Format.INSTANCE;
	}

	/**
	 * Another owner's export, an unknown one, or a path that names no export: not found,
	 * as in the API.
	 */
	@ExceptionHandler({ ExportNotFound.class, MethodArgumentTypeMismatchException.class })
	String notFound(Exception ex, Model model, HttpServletRequest request, HttpServletResponse response) {
		if (request.getHeader(ConsoleSecurity.HTMX) != null) {
			// A refresh of an export purged meanwhile: htmx stops polling on 286, and
			// shows
			// why in place of what it polled.
			response.setStatus(STOP_POLLING);
			return "console/gone";
		}
		response.setStatus(HttpStatus.NOT_FOUND.value());
		model.addAttribute("viewer", this.viewers.current());
		model.addAttribute("fmt", Format.INSTANCE);
		model.addAttribute("title", "Export not found");
		model.addAttribute("message", "There is no such export, or it is not yours to see.");
		return "console/error";
	}

}
