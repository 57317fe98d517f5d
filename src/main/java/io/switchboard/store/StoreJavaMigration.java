package io.switchboard.store;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A store migration written in Java (one that builds data from what is already there), with what Flyway records of
 * it fixed: its version, its description, and a checksum equal to the version (the code is the migration; the
 * checksum changes only if a migration ever must).
 */
abstract class StoreJavaMigration implements JavaMigration {
    private final int version;
    private final String description;

    StoreJavaMigration(int version, String description) {
        this.version = version;
        this.description = description;
    }

    @Override
    public final MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(Integer.toString(version));
    }

    @Override
    public final String getDescription() {
        return description;
    }

    @Override
    public final Integer getChecksum() {
        return version;
    }

    @Override
    public final boolean canExecuteInTransaction() {
        return true;
    }
}
