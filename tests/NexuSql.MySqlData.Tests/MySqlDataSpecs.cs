using NexuSql.MySql.Tests;
using NexuSql.Specification;

namespace NexuSql.MySqlData.Tests;

// The suites where the drivers differ most: value conversions, errors, and the bulk path (here its INSERT fallback).

public sealed class MySqlDataQueryTests(MySqlFixture f) : QuerySpec<MySqlFixture>(f), IClassFixture<MySqlFixture>;

public sealed class MySqlDataTypesTests(MySqlFixture f) : TypesSpec<MySqlFixture>(f), IClassFixture<MySqlFixture>;

public sealed class MySqlDataErrorTests(MySqlFixture f) : ErrorSpec<MySqlFixture>(f), IClassFixture<MySqlFixture>;

public sealed class MySqlDataBackupTests(MySqlFixture f) : BackupSpec<MySqlFixture>(f), IClassFixture<MySqlFixture>;
