package io.mediajobs.platform;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import io.mediajobs.common.ApiErrorWriter;

import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * The HTTP edge: every response, the servlet container's own errors included, is the spec's envelope, and requests
 * are held to the {@link HttpLimits}.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // the worker profile has no web layer
class HttpConfig {

    /**
     * Replaces the HTML error report Spring Boot installs on Tomcat's host with {@link JsonErrorReportValve}. Runs
     * after Boot's own customizer (this one has the default, lowest precedence), so Boot's valve is there to remove.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReport(ApiErrorWriter errors,
            HttpLimits limits, ServerProperties server) {
        long maxHeaderBytes = server.getMaxHttpRequestHeaderSize().toBytes();
        return factory -> factory.addContextCustomizers(context -> {
            if (!(context.getParent() instanceof StandardHost host)) {
                return;
            }
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            // The host adds its default report valve on start unless one of this class is already there.
            host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            host.getPipeline().addValve(new JsonErrorReportValve(errors, limits, maxHeaderBytes));
        });
    }

    /** URI length and JSON body size, checked first: before the security filters and before any parsing. */
    @Bean
    FilterRegistrationBean<RequestLimitsFilter> requestLimitsFilter(HttpLimits limits, ApiErrorWriter errors) {
        FilterRegistrationBean<RequestLimitsFilter> registration =
                new FilterRegistrationBean<>(new RequestLimitsFilter(limits, errors));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10); // after Boot's character-encoding filter
        return registration;
    }

    /**
     * At most {@link RequestConcurrency#permits} API calls in progress, the rest queued fairly; right after the
     * request limits, before security.
     */
    @Bean
    FilterRegistrationBean<ConcurrencyLimitFilter> concurrencyLimitFilter(RequestConcurrency concurrency,
            ApiErrorWriter errors) {
        FilterRegistrationBean<ConcurrencyLimitFilter> registration = new FilterRegistrationBean<>(
                new ConcurrencyLimitFilter(concurrency.permits(Runtime.getRuntime().availableProcessors()),
                        concurrency.maxWait(), errors));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
        return registration;
    }

    /**
     * A number or boolean where the API expects text (e.g. {@code {"name": 5}}) is a client error (400 naming the
     * field), not silently turned into the string "5".
     */
    @Bean
    JsonMapperBuilderCustomizer scalarsAreNotText() {
        return builder -> builder.withCoercionConfig(LogicalType.Textual, text -> text
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
