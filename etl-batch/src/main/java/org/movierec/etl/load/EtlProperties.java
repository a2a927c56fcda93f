package org.movierec.etl.load;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code etl.*} (application.yml): the ingestion's own settings, bound and checked once at start.
 *
 * @param cacheDir         where downloads and extracted archives are cached between runs
 *                         ({@code ETL_CACHE_DIR}, {@code --etl.cache-dir})
 * @param indexBuildMemory PostgreSQL's {@code maintenance_work_mem} while an initial load builds a table's indexes,
 *                         a PostgreSQL memory size such as {@code 4GB} or {@code 512MB} ({@code ETL_INDEX_BUILD_MEMORY});
 *                         PostgreSQL itself judges the size when a load sets it
 */
@ConfigurationProperties("etl")
public record EtlProperties(Path cacheDir, String indexBuildMemory) {

    public EtlProperties {
        if (cacheDir == null || cacheDir.toString().isBlank()) {
            throw new IllegalArgumentException("etl.cache-dir (ETL_CACHE_DIR) must name a directory");
        }
        if (indexBuildMemory == null || indexBuildMemory.isBlank()) {
            throw new IllegalArgumentException("etl.index-build-memory (ETL_INDEX_BUILD_MEMORY) must be a PostgreSQL "
                    + "memory size such as 4GB or 512MB");
        }
        indexBuildMemory = indexBuildMemory.strip();
    }
}
