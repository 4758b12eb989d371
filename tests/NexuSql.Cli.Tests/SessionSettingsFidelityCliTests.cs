using NexuSql.Specification;

namespace NexuSql.Cli.Tests;

/// <summary>
/// PostgreSQL settings that change how values and expressions are written as text (extra_float_digits, IntervalStyle,
/// DateStyle, TimeZone, standard_conforming_strings), set on the source or target database: backup → restore and copy
/// still give identical values, defaults and CHECK expressions, and verify compares values, not their spellings. Both
/// sides are read with psql under one fixed session setting, never through NexuSQL.
/// </summary>
public sealed class SessionSettingsFidelityCliTests() : ValueFidelityCliTestBase("session-settings")
{
    /// <summary>Every row as one text, the defaults and the CHECK constraints, read by psql with pg_dump's settings.</summary>
    private const string Read = "SET extra_float_digits = 3; SET IntervalStyle = postgres; SET DateStyle = ISO; SET TimeZone = UTC; " +
        "SET standard_conforming_strings = on; " +
        "SELECT v::text FROM v ORDER BY id; " +
        "SELECT a.attname || ' ' || pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = 'v'::regclass ORDER BY 1; " +
        "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'v'::regclass AND contype = 'c'";

    private const string Table = """
        CREATE TABLE v (id int PRIMARY KEY, fa float8[], ra real[], pt point, c circle, i interval, ia interval[],
          tza timestamptz[], tr tstzrange, da date[], dr daterange, ta timestamp[],
          t text DEFAULT 'a\b', s text CHECK (s <> 'x\y'));
        INSERT INTO v VALUES (1, '{1.2345678901234567,0.1,5e-324}', '{16777217,0.1}', '(1.2345678901234567,2)', '<(0,0),1.2345678901234567>',
          '-1 mons +1 day -00:00:01', '{"-1 mons +1 day -00:00:01","1 year -2 days 03:00:00.5"}',
          '{"1900-01-01 00:00+00","2020-01-01 00:00+00"}', '[2020-01-01 00:00+00,2020-01-02 00:00+00)',
          '{2020-01-02,2020-03-04,2020-12-25}', '[2020-01-02,2020-01-05)', '{"2020-01-02 03:04:05"}', 'q', 'z');
        """;

    private static string Admin => LiveServers.PostgreSql.ToSecretString();

    private static string Name(string url) => DatabaseUrl.Parse(url).Database!;

    /// <summary>A source whose database settings differ from pg_dump's in every way that changes text.</summary>
    private async Task<string> SourceAsync()
    {
        var source = await Db.NewAsync("postgresql");
        await EngineClient.RunScriptAsync(source, Table); // written with the server's defaults: 'a\b' is a backslash
        var name = Name(source);
        await EngineClient.RunScriptAsync(Admin, $"""
            ALTER DATABASE {name} SET extra_float_digits = 0;
            ALTER DATABASE {name} SET IntervalStyle = 'postgres_verbose';
            ALTER DATABASE {name} SET DateStyle = 'SQL, DMY';
            ALTER DATABASE {name} SET TimeZone = 'Pacific/Chatham';
            """);
        return source;
    }

    /// <summary>A new target database that reads string literals with standard_conforming_strings off.</summary>
    private async Task<string> BackslashEscapingTargetAsync()
    {
        var target = await Db.NewAsync("postgresql");
        await EngineClient.RunAsync(Admin, $"ALTER DATABASE {Name(target)} SET standard_conforming_strings = off");
        return target;
    }

    [Fact]
    public async Task Copy_backup_restore_verify_database_text_settings_values_and_expressions_identical()
    {
        try
        {
            var source = await SourceAsync();
            var expected = await EngineClient.RunAsync(source, Read);
            // the fixed read really shows every digit, both days and the backslashes (the check is not blind)
            Assert.Contains("1.2345678901234567", expected, StringComparison.Ordinal);
            Assert.Contains("1.6777216e+07", expected, StringComparison.Ordinal);
            Assert.Contains("2020-03-04", expected, StringComparison.Ordinal);
            Assert.Contains(@"t 'a\b'::text", expected, StringComparison.Ordinal);
            Assert.Contains(@"'x\y'::text", expected, StringComparison.Ordinal);

            var copied = await BackslashEscapingTargetAsync();
            await Ok("copy", "--from", source, "--to", copied);
            var file = Db.File("settings.nxb");
            await Ok("--url", source, "backup", "-o", file);
            var restored = await BackslashEscapingTargetAsync();
            await Ok("--url", restored, "restore", file);
            Assert.Equal(expected, await EngineClient.RunAsync(copied, Read));
            Assert.Equal(expected, await EngineClient.RunAsync(restored, Read));

            await Ok("--url", source, "verify", "--against", copied);
            await Ok("--url", restored, "verify", "--against", source);

            // the last digit of a float inside an array, invisible with extra_float_digits = 0, is still a difference
            await EngineClient.RunAsync(copied, "UPDATE v SET fa = '{1.2345678901234569,0.1,5e-324}'");
            var changed = await CliRunner.RunAsync("--url", source, "verify", "--against", copied);
            Assert.True(changed.ExitCode == 3, changed.All);
            Assert.Contains("row differs in fa", changed.All, StringComparison.Ordinal);
            Assert.DoesNotContain("fa, ", changed.All, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Copy_verify_behind_transaction_pooler_database_text_settings_values_and_expressions_identical()
    {
        try
        {
            var bouncer = LiveServers.PgBouncer;
            var check = await CliRunner.RunAsync("--url", bouncer.ToSecretString(), "check");
            if (check.ExitCode != 0) LiveServers.Unavailable<int>(NexuSqlEngine.PostgreSql, "PgBouncer: " + check.All.Trim());
            var source = await SourceAsync();
            var target = await BackslashEscapingTargetAsync();
            string Pooled(string url) => bouncer.WithDatabase(Name(url)).ToSecretString();

            await Ok("copy", "--from", Pooled(source), "--to", Pooled(target));
            Assert.Equal(await EngineClient.RunAsync(source, Read), await EngineClient.RunAsync(target, Read));
            await Ok("--url", Pooled(source), "verify", "--against", target);
            await Ok("--url", Pooled(source), "verify", "--against", Pooled(target));

            await EngineClient.RunAsync(target, "UPDATE v SET ra = '{16777218,0.1}'");
            var changed = await CliRunner.RunAsync("--url", Pooled(source), "verify", "--against", Pooled(target));
            Assert.True(changed.ExitCode == 3, changed.All);
            Assert.Contains("row differs in ra", changed.All, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }

    [Fact]
    public async Task Url_options_setting_a_pinned_setting_otherwise_is_refused_by_name()
    {
        try
        {
            var db = await Db.NewAsync("postgresql");
            var url = DatabaseUrl.Parse(db).WithOption("options", "-c DateStyle=SQL,DMY").ToSecretString();
            var refused = await CliRunner.RunAsync("--url", url, "query", "SELECT 1");
            Assert.True(refused.ExitCode != 0, refused.All);
            Assert.Contains("DateStyle=SQL,DMY", refused.All, StringComparison.Ordinal);
            Assert.Contains("DateStyle=ISO", refused.All, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", refused.All, StringComparison.Ordinal);

            // other settings in the URL's options still reach the session, beside the pinned ones
            var kept = DatabaseUrl.Parse(db).WithOption("options", "-c statement_timeout=4321 -c extra_float_digits=3").ToSecretString();
            var shown = await CliRunner.RunAsync("--url", kept, "query", "SELECT current_setting('statement_timeout') || ' ' || current_setting('IntervalStyle')");
            Assert.True(shown.ExitCode == 0, shown.All);
            Assert.Contains("4321ms postgres", shown.All, StringComparison.Ordinal);
        }
        finally
        {
            await Db.CleanupAsync();
        }
    }
}
