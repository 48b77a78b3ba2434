package com.acme.aepexport.api;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * Answers carry an {@code ETag} (a hash of the body) and a request whose
 * {@code If-None-Match} still matches gets a {@code 304} without a body: callers polling
 * an export or its runs pay little for it.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	@Bean
	FilterRegistrationBean<ShallowEtagHeaderFilter> etags() {
		FilterRegistrationBean<ShallowEtagHeaderFilter> registration = new FilterRegistrationBean<>(
				new ShallowEtagHeaderFilter());
		registration.addUrlPatterns("/exports/*");
		return registration;
	}

}
