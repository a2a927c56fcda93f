package org.movierec.etl.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** {@code etl.*} bound to {@link EtlProperties} as Spring Boot binds it at start: the shipped defaults and bad values. */
class EtlPropertiesTest {

    private static EtlProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("etl", EtlProperties.class);
    }

    @Test
    void theSettingsBindFromTheirKebabCaseKeys() {
        EtlProperties settings = bind(Map.of("etl.cache-dir", "/var/cache/etl", "etl.index-build-memory", " 512MB "));
        assertThat(settings.cacheDir()).isEqualTo(Path.of("/var/cache/etl"));
        assertThat(settings.indexBuildMemory()).isEqualTo("512MB");
    }

    @Test
    void applicationYmlGivesEverySettingADefault() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yml",
                new ClassPathResource("application.yml"))) {
            environment.getPropertySources().addLast(source);
        }
        EtlProperties settings = Binder.get(environment).bindOrCreate("etl", EtlProperties.class);
        String cacheDir = System.getenv("ETL_CACHE_DIR");
        assertThat(settings.cacheDir()).isEqualTo(cacheDir != null ? Path.of(cacheDir)
                : Path.of(System.getProperty("user.home"), ".cache", "movierec-etl"));
        assertThat(settings.indexBuildMemory()).isEqualTo(System.getenv().getOrDefault("ETL_INDEX_BUILD_MEMORY", "4GB"));
    }

    @Test
    void aMissingOrBlankSettingIsRefusedByName() {
        assertThatThrownBy(() -> bind(Map.of("etl.cache-dir", "/tmp/etl")))
                .isInstanceOf(BindException.class).rootCause()
                .hasMessageContaining("etl.index-build-memory (ETL_INDEX_BUILD_MEMORY)");
        assertThatThrownBy(() -> bind(Map.of("etl.cache-dir", "/tmp/etl", "etl.index-build-memory", " ")))
                .isInstanceOf(BindException.class).rootCause()
                .hasMessageContaining("etl.index-build-memory (ETL_INDEX_BUILD_MEMORY)");
        assertThatThrownBy(() -> bind(Map.of("etl.index-build-memory", "4GB")))
                .isInstanceOf(BindException.class).rootCause()
                .hasMessageContaining("etl.cache-dir (ETL_CACHE_DIR)");
    }
}
