package io.bazaar.runtime.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.servlet.DispatcherServlet;

/** The problem answers every servlet service of the platform shares. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, DataAccessException.class, CannotCreateTransactionException.class })
@Import(DatabaseUnavailableAdvice.class)
public class WebProblemsAutoConfiguration {

}
