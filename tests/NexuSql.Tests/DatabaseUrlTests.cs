namespace NexuSql.Tests;

public class DatabaseUrlTests
{
    private const string Canary = "Canary-S3cret!pw";

    /// <summary>
    /// bt35 L4: bracketed IPv6 hosts (RFC 3986, as libpq's URLs spell them) are hosts without their brackets, with the
    /// port after them; an IPv4-mapped one is connected to as the IPv4 address it is.
    /// </summary>
    [Theory]
    [InlineData("postgresql://user@[::1]:5432/db", "::1", 5432, "::1")]
    [InlineData("mysql://[::1]:3306/db", "::1", 3306, "::1")]
    [InlineData("postgresql://postgres@[::ffff:127.0.0.1]:27632/same", "::ffff:127.0.0.1", 27632, "127.0.0.1")]
    [InlineData("mariadb://root@[2001:db8::5]/db", "2001:db8::5", null, "2001:db8::5")]
    public void Bracketed_ipv6_hosts_are_parsed_without_their_brackets(string url, string name, int? port, string connectName)
    {
        var parsed = DatabaseUrl.Parse(url);
        Assert.Equal(new DatabaseHost(name, port), parsed.Host);
        Assert.Equal(connectName, parsed.Host!.ConnectName);
        Assert.Equal("db", DatabaseUrl.Parse(url.Replace("/same", "/db", StringComparison.Ordinal)).Database);
        Assert.Contains($"[{name}]", parsed.Redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite:///relative.db", "relative.db")]
    [InlineData("sqlite:////abs/path.db", "/abs/path.db")]
    [InlineData("sqlite:relative.db", "relative.db")]
    [InlineData("sqlite:///dir%20with%20space/a.db", "dir with space/a.db")]
    [InlineData("sqlite::memory:", ":memory:")]
    public void Parse_sqlite_paths(string url, string expected)
    {
        var u = DatabaseUrl.Parse(url);
        Assert.Equal(NexuSqlEngine.Sqlite, u.Engine);
        Assert.Equal(expected, u.Database);
        Assert.Equal(expected == ":memory:", u.IsInMemory);
    }

    [Theory]
    [InlineData("postgresql://u@h/db", NexuSqlEngine.PostgreSql)]
    [InlineData("postgres://u@h/db", NexuSqlEngine.PostgreSql)]
    [InlineData("mysql://u@h/db", NexuSqlEngine.MySql)]
    [InlineData("mariadb://u@h/db", NexuSqlEngine.MySql)]
    [InlineData("sqlserver://u@h/db", NexuSqlEngine.SqlServer)]
    [InlineData("mssql://u@h/db", NexuSqlEngine.SqlServer)]
    [InlineData("cockroachdb://u@h/db", NexuSqlEngine.CockroachDb)]
    [InlineData("POSTGRESQL://u@h/db", NexuSqlEngine.PostgreSql)]
    public void Parse_schemes_map_to_engines(string url, NexuSqlEngine engine)
    {
        Assert.Equal(engine, DatabaseUrl.Parse(url).Engine);
    }

    [Fact]
    public void Parse_server_url_decodes_every_part()
    {
        var u = DatabaseUrl.Parse("postgresql://app%40corp:p%40ss%3Aw%2Frd@db.example.com:6543/my%20db?sslmode=require&application_name=my%20app");
        Assert.Equal("app@corp", u.UserName);
        Assert.Equal("p@ss:w/rd", u.Password);
        Assert.Equal(new DatabaseHost("db.example.com", 6543), u.Host);
        Assert.Equal("my db", u.Database);
        Assert.Equal("require", u.Options["SSLMODE"]);
        Assert.Equal("my app", u.Options["application_name"]);
    }

    [Theory]
    [InlineData("postgresql://u:p%zz@h/db", "password")]
    [InlineData("postgresql://u%4@h/db", "user name")]
    [InlineData("mysql://u@h/d%2", "database name")]
    [InlineData("postgresql://u@h/db?application_name=a%g1", "application_name")]
    [InlineData("sqlite:///tmp/a%zz.db", "SQLite path")]
    [InlineData("postgresql://u:p%zz@db%zz:5432/db", "password")]
    [InlineData("postgresql://u@h1,db%zz:5432/db", "host 'db%zz'")]
    public void Parse_refuses_an_invalid_percent_escape_instead_of_keeping_it_literally(string url, string part)
    {
        var e = Assert.Throws<FormatException>(() => DatabaseUrl.Parse(url));
        Assert.Contains(part, e.Message, StringComparison.Ordinal);
        Assert.Contains("%25", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("p%zz", e.Message, StringComparison.Ordinal); // never the password
    }

    [Fact]
    public void Parse_refuses_a_database_name_no_server_takes()
    {
        var e = Assert.Throws<FormatException>(() => DatabaseUrl.Parse("postgresql://u@h/" + new string('d', 100_000)));
        Assert.Contains("100000 characters", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FilePath_is_the_sqlite_file_and_null_for_servers_and_memory()
    {
        Assert.Equal("/tmp/a.db", DatabaseUrl.Parse("sqlite:////tmp/a.db").FilePath);
        Assert.Null(DatabaseUrl.Parse("sqlite::memory:").FilePath);
        Assert.Null(DatabaseUrl.Parse("postgresql://u@h/db").FilePath);
    }

    [Fact]
    public void Parse_password_with_raw_at_sign_uses_last_at()
    {
        var u = DatabaseUrl.Parse("mysql://root:a@b@localhost/db");
        Assert.Equal("a@b", u.Password);
        Assert.Equal("localhost", u.Host!.Name);
    }

    [Fact]
    public void Parse_multi_host_postgresql()
    {
        var u = DatabaseUrl.Parse("postgresql://u@h1:5432,h2,[::1]:5434/db?target_session_attrs=read-write");
        Assert.Equal([new DatabaseHost("h1", 5432), new DatabaseHost("h2", null), new DatabaseHost("::1", 5434)], u.Hosts);
        Assert.Equal("read-write", u.Options["target_session_attrs"]);
    }

    [Theory]
    [InlineData("sqlserver://u@h1,h2/db", "Several hosts")]
    [InlineData("oracle://u@h/db", "Unknown database URL scheme 'oracle'")]
    [InlineData("postgresql://u@h:99999/db", "Port '99999'")]
    [InlineData("mysql://u@127.0.0.1:53316:99/db", "more than one ':'")]
    [InlineData("postgresql:db", "must start with 'postgresql://'")]
    [InlineData("sqlite://x.db", "three slashes")]
    [InlineData("just text", "Not a database URL")]
    public void Parse_invalid_urls_say_why(string url, string reason)
    {
        var e = Assert.Throws<FormatException>(() => DatabaseUrl.Parse(url));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void Parse_error_never_contains_the_password()
    {
        var e = Assert.Throws<FormatException>(() => DatabaseUrl.Parse($"postgresql://u:{Canary}@h:notaport/db"));
        Assert.DoesNotContain(Canary, e.Message);
    }

    /// <summary>bt41 F34: a SQLite URI file name names its file as SQLite reads it; in memory, none.</summary>
    [Theory]
    [InlineData("sqlite:///file:x.db", "x.db")]
    [InlineData("sqlite:///file:/abs/x.db?cache=private", "/abs/x.db")]
    [InlineData("sqlite:///file:///abs/x.db", "/abs/x.db")]
    [InlineData("sqlite:///file://localhost/abs/x.db", "/abs/x.db")]
    [InlineData("sqlite:///file:a%2520b.db", "a b.db")]
    [InlineData("sqlite:///file:x.db%3Fmode%3Dmemory", null)]
    [InlineData("sqlite:///FILE:x.db", "FILE:x.db")]
    [InlineData("sqlite:///plain.db", "plain.db")]
    public void A_sqlite_uri_file_name_names_its_file(string url, string? file) => Assert.Equal(file, DatabaseUrl.Parse(url).FilePath);

    /// <summary>
    /// bt43 N-new-10: an environment's relative SQLite file goes under the project's folder after the URL is read, as
    /// --url reads it (a URI file name's query stays its own); the text printed opens the same file again.
    /// </summary>
    [Theory]
    [InlineData("sqlite:///file:q.db%3Fcache%3Dprivate", "sqlite:///file:/p/q.db%3Fcache=private", "/p/q.db")]
    [InlineData("sqlite:///file:m.db%3Fvfs%3Dmemdb", "sqlite:///file:/p/m.db%3Fvfs=memdb", "/p/m.db")]
    [InlineData("sqlite:///file:a%2520b.db", "sqlite:///file:/p/a b.db", "/p/a b.db")]
    [InlineData("sqlite:///a%25b.db", "sqlite:////p/a%25b.db", "/p/a%b.db")]
    [InlineData("sqlite:relative.db", "sqlite:////p/relative.db", "/p/relative.db")]
    [InlineData("sqlite:////abs/x.db", "sqlite:////abs/x.db", "/abs/x.db")]
    [InlineData("sqlite:///file:///abs/x.db", "sqlite:///file:///abs/x.db", "/abs/x.db")]
    [InlineData("sqlite::memory:", "sqlite::memory:", null)]
    [InlineData("sqlite:///file:x.db%3Fmode%3Dmemory", "sqlite:///file:x.db%3Fmode=memory", null)]
    public void A_relative_sqlite_file_goes_under_a_folder_read_as_url_reads_it(string url, string under, string? file)
    {
        var moved = DatabaseUrl.Parse(url).WithFileUnder("/p");
        Assert.Equal(under, moved.ToString());
        Assert.Equal(file, moved.FilePath);
        Assert.Equal(file, DatabaseUrl.Parse(moved.ToString()).FilePath);
    }

    /// <summary>bt41 F16: a password holding a raw '/' or '?' was read as host:port and quoted as the port.</summary>
    [Theory]
    [InlineData("postgresql://secuser:{0}/x@127.0.0.1:5432/v1")]
    [InlineData("mysql://sec:{0}?x@127.0.0.1:3306/m1")]
    [InlineData("postgresql://secuser:a:{0}/x@h/db")]
    [InlineData("mysql://sec:{0}%zz/x@h/db")]
    public void A_password_holding_a_raw_slash_or_question_mark_is_never_shown(string url)
    {
        var e = Assert.Throws<FormatException>(() => DatabaseUrl.Parse(string.Format(System.Globalization.CultureInfo.InvariantCulture, url, Canary)));
        Assert.DoesNotContain(Canary, e.Message, StringComparison.Ordinal);
        Assert.Contains("must be percent-encoded: %2F, %3F, %23", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_redacts_password_and_secret_options()
    {
        var u = DatabaseUrl.Parse($"postgresql://app:{Canary}@localhost/shop?password={Canary}&sslmode=disable");
        var text = u.ToString();
        Assert.DoesNotContain(Canary, text);
        Assert.Equal("postgresql://app:***@localhost/shop?password=***&sslmode=disable", text);
        Assert.Equal(Canary, u.Password);
    }

    [Fact]
    public void TryParse_returns_false_without_throwing()
    {
        Assert.False(DatabaseUrl.TryParse("nope://x", out var u));
        Assert.Null(u);
        Assert.True(DatabaseUrl.TryParse("sqlite::memory:", out u));
        Assert.NotNull(u);
    }

    [Theory]
    [InlineData("postgresql://app:secret@DB.example:5432/shop", "postgresql://admin@db.example/shop?sslmode=require", true)]
    [InlineData("postgresql://h1,h2:5433/shop", "postgresql://h2:5433,h1:5432/shop", true)]
    [InlineData("postgresql://db/shop", "postgresql://db:5433/shop", false)]
    [InlineData("postgresql://db/shop", "postgresql://db/Shop", false)]
    [InlineData("postgresql://localhost/shop", "postgresql://127.0.0.1/shop", true)]   // protection errs towards "the same": one machine
    [InlineData("postgresql://localhost:5433/shop", "postgresql://[::1]:5433/shop", true)]
    [InlineData("postgresql://127.0.0.1/shop", "postgresql://127.0.1.1/shop", true)]  // Debian's own host name resolves to 127.0.1.1
    [InlineData("postgresql://localhost/shop", "postgresql://localhost:5433/shop", false)]
    [InlineData("postgresql://h1,h2/shop", "postgresql://h2/shop", true)]           // one node of the cluster is the cluster's database
    [InlineData("mysql://root@db/shop", "mariadb://db:3306/shop", true)]
    [InlineData("mysql://db/shop", "postgresql://db/shop", false)]
    [InlineData("sqlite:////tmp/x/../app.db", "sqlite:////tmp/app.db", true)]
    [InlineData("sqlite::memory:", "sqlite::memory:", false)]
    public void IsSameDatabase_compares_engine_hosts_with_default_ports_and_database_not_credentials(string a, string b, bool same)
    {
        Assert.Equal(same, DatabaseUrl.Parse(a).IsSameDatabase(DatabaseUrl.Parse(b)));
        Assert.Equal(same, DatabaseUrl.Parse(b).IsSameDatabase(DatabaseUrl.Parse(a)));
    }
}
