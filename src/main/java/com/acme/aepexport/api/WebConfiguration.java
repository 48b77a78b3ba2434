package com.acme.aepexport.api;

import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * Answers carry an {@code ETag} (a hash of the body) and a request whose
 * {@code If-None-Match} still matches gets a {@code 304} without a body: callers polling
 * an export or its runs pay little for it. Request bodies are read within
 * {@link RequestLimits}.
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

	/**
	 * The JSON converter of requests and answers: the application's mapper as Spring Boot
	 * configures it (spring.jackson.*, modules, problem details), on a parser bound by
	 * {@link RequestLimits}. Only here: the mapper that reads Adobe's answers, whose
	 * union schemas run to megabytes, keeps Jackson's own limits. Ordered last, so that
	 * it replaces the converter Spring Boot registers first.
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	ServerHttpMessageConvertersCustomizer limitedRequestBodies(ApiSettings settings,
			ObjectProvider<JsonMapperBuilderCustomizer> customizers) {
		JsonFactory parser = JsonFactory.builder()
			.streamReadConstraints(new RequestLimits(settings.requests()))
			.build();
		JsonMapper.Builder mapper = JsonMapper.builder(parser);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(mapper));
		JacksonJsonHttpMessageConverter converter = new JacksonJsonHttpMessageConverter(mapper.build());
		return (converters) -> converters.withJsonConverter(converter);
	}

}
