package org.movierec.etl.load;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the typed settings of {@code etl.*} ({@link EtlProperties}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EtlProperties.class)
class EtlConfiguration {
}
