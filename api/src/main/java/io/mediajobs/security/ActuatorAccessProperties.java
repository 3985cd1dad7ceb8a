package io.mediajobs.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may read the actuator endpoints other than health and info ({@code mediajobs.actuator.*}; defaults in
 * application.yml), e.g. {@code /actuator/prometheus}.
 *
 * @param open          anyone who reaches them (the dev profile; or production with {@code MANAGEMENT_SERVER_PORT}
 *                      on a port that only Prometheus can reach)
 * @param requiredScope otherwise a valid bearer token with this scope ({@code scope}/{@code scp} claim), e.g. one
 *                      your identity provider issues to Prometheus by client credentials; blank: any valid token
 */
@ConfigurationProperties("mediajobs.actuator")
record ActuatorAccessProperties(boolean open, String requiredScope) {
}
