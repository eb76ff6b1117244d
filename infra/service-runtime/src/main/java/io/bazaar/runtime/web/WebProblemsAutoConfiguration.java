package io.bazaar.runtime.web;

import org.apache.catalina.startup.Tomcat;
import tools.jackson.databind.JacksonModule;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.servlet.DispatcherServlet;

/** The problem answers every servlet service of the platform shares. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, DataAccessException.class, CannotCreateTransactionException.class })
@Import({ DatabaseUnavailableAdvice.class, ProblemCompletionAdvice.class })
public class WebProblemsAutoConfiguration {

	@Bean
	NulInRequestFilter nulInRequestFilter() {
		return new NulInRequestFilter();
	}

	/** Tomcat's own refusals as problems. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Tomcat.class, ConfigurableTomcatWebServerFactory.class })
	static class TomcatProblems {

		/**
		 * Unordered, so it runs after Boot's own customizer, which adds the error report
		 * valve this one replaces.
		 */
		@Bean
		WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemErrorReports() {
			return (factory) -> factory
				.addContextCustomizers((context) -> ProblemErrorReportValve.install(context.getParent()));
		}

	}

	/** NUL in the text of a JSON body, refused as it is read. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JacksonModule.class)
	@Import(NulInTextAdvice.class)
	static class NulInJsonText {

		@Bean
		JacksonModule rejectNulInText() {
			return NulRejectingStringDeserializer.module();
		}

	}

}
