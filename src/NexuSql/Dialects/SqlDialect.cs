using System.Text;

namespace NexuSql.Dialects;

/// <summary>
/// The text-only side of an engine: quoting, placeholders, lexical rules, capabilities and a few statement
/// spellings. Driver behaviour (bulk paths, error translation, introspection) lives in the provider projects.
/// </summary>
public abstract partial class SqlDialect
{
    /// <summary>The engine this dialect writes for.</summary>
    public abstract NexuSqlEngine Engine { get; }

    /// <summary>Quotes, comments and escapes of the dialect.</summary>
    public abstract SqlLexicalRules Lexical { get; }

    /// <summary>What the engine can do.</summary>
    public abstract DialectCapabilities Capabilities { get; }

    /// <summary>How the engine's client reads scripts (statement ends, blocks, transaction and literal spellings).</summary>
    public virtual ScriptSyntax Scripts => ScriptSyntax.Standard;

    /// <summary><c>||</c> is logical OR (MySQL without PIPES_AS_CONCAT), not string concatenation.</summary>
    public virtual bool DoublePipeIsOr => false;

    /// <summary>
    /// <c>/</c> between two integers is integer division, truncated towards zero (PostgreSQL, SQLite, SQL Server:
    /// <c>7 / 2</c> is 3); false where it gives the exact quotient (MySQL/MariaDB, CockroachDB: 3.5000). An expression
    /// with <c>/</c> means something else between engines that differ here.
    /// </summary>
    public virtual bool IntegerDivisionTruncates => true;

    /// <summary>
    /// <c>lower()</c> and <c>upper()</c> change only the letters A–Z (SQLite without ICU: <c>lower('É')</c> is
    /// <c>'É'</c>); false where they map every letter (PostgreSQL, MySQL/MariaDB). A key, check or generated column
    /// over them means something else between engines that differ here.
    /// </summary>
    public virtual bool CaseMapsAsciiOnly => false;

    /// <summary>
    /// <c>round()</c> of a floating-point value rounds a half to the even neighbour (PostgreSQL, MySQL/MariaDB:
    /// <c>round(2.5e0)</c> is 2); false where it rounds a half away from zero (SQLite: 3).
    /// </summary>
    public virtual bool RoundsFloatHalvesToEven => true;

    /// <summary>
    /// Dividing by zero gives NULL (SQLite); false where it is an error that refuses the row (PostgreSQL; MySQL/MariaDB
    /// under its default sql_mode, which has ERROR_FOR_DIVISION_BY_ZERO and STRICT_TRANS_TABLES). A check or generated
    /// column with <c>/</c> means something else between engines that differ here.
    /// </summary>
    public virtual bool DivisionByZeroIsNull => false;

    /// <summary>
    /// Integer <c>+</c>, <c>-</c> and <c>*</c> are computed in 64 bits whatever the columns' width (SQLite, MySQL/MariaDB:
    /// an INT <c>a * 2</c> holds 4000000000); false where they keep the operands' type and fail past it (PostgreSQL:
    /// integer out of range at 2^31 for integer columns). A check or generated column over a narrower integer column
    /// means something else between engines that differ here.
    /// </summary>
    public virtual bool IntegerArithmeticIn64Bits => false;

    /// <summary>
    /// Text compares without case and trailing spaces under the collation a column gets by default (MySQL/MariaDB's
    /// <c>_ci</c> PAD SPACE collations: <c>'abc' = 'ABC'</c>, <c>'a ' = 'a'</c>); false where it compares by code point or
    /// locale with case (PostgreSQL, SQLite). A check or generated column comparing text means something else between
    /// engines that differ here.
    /// </summary>
    public virtual bool TextComparisonIgnoresCase => false;

    /// <summary>
    /// <paramref name="operandSql"/> (a quoted decimal column) written so that it compares as a number where decimal
    /// columns hold their values as text to keep every digit (SQLite: <c>CAST(x AS REAL)</c>; its <c>DECIMAL_TEXT</c> has
    /// TEXT affinity, so <c>price &lt; 100</c> compared the text '20.00' with '100'); null where a decimal column is a
    /// number already. A check, generated column or index condition over such a column is written this way, or refused.
    /// </summary>
    /// <param name="operandSql">The column's SQL, as the target writes it.</param>
    public virtual string? DecimalComparisonOperand(string operandSql) => null;

    /// <summary>
    /// <paramref name="operandSql"/> (a quoted column) written so that a comparison with it is exact — by code point,
    /// with case and trailing spaces — where <see cref="TextComparisonIgnoresCase"/> (MySQL/MariaDB:
    /// <c>CAST(x AS BINARY)</c>, compared byte by byte in the column's utf8mb4, which orders as code points do; read back
    /// as <c>cast(x as char charset binary)</c>); null where text compares exactly already. A check comparing text is
    /// written this way for such an engine, so that it refuses and lets in the rows it did on PostgreSQL or SQLite.
    /// </summary>
    /// <param name="operandSql">The operand's SQL, as the target writes it.</param>
    public virtual string? ExactTextOperand(string operandSql) => null;

    /// <summary>
    /// <c>lower()</c> and <c>upper()</c> map letters by an older Unicode table, one letter for one (MariaDB:
    /// <c>lower('ẞ')</c> stays <c>'ẞ'</c>, PostgreSQL's is <c>'ß'</c>); false where
    /// they map by the current one. A check or generated column over them means something else between engines that differ here.
    /// </summary>
    public virtual bool CaseMapsByOldUnicodeTables => false;

    /// <summary>
    /// The function that counts a string's characters (not its bytes): <c>length</c> on PostgreSQL and SQLite,
    /// <c>char_length</c> on MySQL/MariaDB (whose <c>length</c> counts bytes); null where there is none with that meaning.
    /// </summary>
    public virtual string? CharacterLengthFunction => "length";

    /// <summary>
    /// Why the engine cannot declare a column of <paramref name="type"/> as it is (MySQL/MariaDB DECIMAL: at most 65
    /// digits, 38 after the point), or null.
    /// </summary>
    public virtual string? ColumnTypeProblem(Schema.ColumnType type) => null;

    /// <summary>
    /// What of <paramref name="type"/>'s values the engine's column for it does not hold, where it holds fewer than the
    /// portable type (MySQL/MariaDB: a timestamp with time zone is a TIMESTAMP, 1970 to 2038), or null. Named by copy,
    /// restore and another engine's schema file, which create the column so (bt49 M7).
    /// </summary>
    public virtual string? NarrowerColumnType(Schema.ColumnType type) => null;

    /// <summary>
    /// The engine stores a check's <c>a % b</c> as <c>a MOD b</c> and <c>NOT (x)</c> as <c>!(x)</c> (MySQL/MariaDB), which
    /// a translation reads as written (bt50 M6: such a check NexuSQL wrote there was refused on its way back).
    /// </summary>
    public virtual bool StoresModAndBangOperators => false;

    /// <summary>
    /// A boolean is an integer here: <c>active = 0</c>, <c>flag IN (0, 1)</c> and <c>active + flag</c> are valid and a
    /// truth value is 1 or 0 (MySQL/MariaDB's BOOLEAN is TINYINT(1), SQLite has no boolean type). False where a boolean
    /// is a type of its own (PostgreSQL: 42883 <c>operator does not exist: boolean = integer</c>), for which a translated
    /// check or generated column reads such a column as an integer (bt50 M3).
    /// </summary>
    public virtual bool BooleansAreIntegers => true;

    /// <summary>
    /// How a key (primary or unique) on a column of <paramref name="type"/> compares otherwise than the portable type's
    /// values do (SQLite keeps decimals, UUIDs and timestamps with time zone as text: '1.0' and '1.00' are two keys), or
    /// null. Named by copy, restore and another engine's schema file (bt49 H2).
    /// </summary>
    public virtual string? KeyComparesAsText(Schema.ColumnType type) => null;

    /// <summary>Column names are compared without regard to case (MySQL/MariaDB, SQLite): two that differ only in case are one.</summary>
    public virtual bool ColumnNamesIgnoreCase => false;

    /// <summary>
    /// The catalog keeps a CHECK written in a column's definition as the column's (MariaDB: LEVEL 'Column'), so
    /// <see cref="Schema.ColumnModel.Check"/> is written there; elsewhere it is a table CHECK.
    /// </summary>
    public virtual bool ColumnLevelChecks => false;

    /// <summary>How the driver wants placeholders.</summary>
    public virtual ParameterStyle ParameterStyle => ParameterStyle.AtNamed;

    /// <summary>The character that opens a quoted identifier.</summary>
    protected virtual char OpenQuote => '"';

    /// <summary>The character that closes a quoted identifier.</summary>
    protected virtual char CloseQuote => '"';

    /// <summary>Quotes one identifier, doubling any closing quote inside it.</summary>
    /// <exception cref="ArgumentException">The name is empty or contains a NUL character.</exception>
    public string QuoteIdentifier(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('\0')) throw new ArgumentException("An identifier cannot contain a NUL character.", nameof(name));
        var close = CloseQuote.ToString();
        return OpenQuote + name.Replace(close, close + close) + CloseQuote;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"'(?:[^']|'')*'|`((?:[^`]|``)+)`")]
    private static partial System.Text.RegularExpressions.Regex BacktickIdentifier();

    /// <summary>
    /// SQL text written for MySQL (check expressions, view bodies) with its `backtick` identifiers quoted for this
    /// engine instead; string literals are left alone. Unchanged on MySQL.
    /// </summary>
    public string Requote(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        if (CloseQuote == '`' || !sql.Contains('`')) return sql;
        return BacktickIdentifier().Replace(sql, m => m.Groups[1].Success ? QuoteIdentifier(m.Groups[1].Value.Replace("``", "`", StringComparison.Ordinal)) : m.Value);
    }

    /// <summary>
    /// What in <paramref name="sql"/>, written for another engine (a view's body, a column's default), this engine is
    /// known not to read, or to read otherwise, or null: PostgreSQL's <c>::</c> casts where <see cref="SupportsPostgreSqlCasts"/>
    /// is false; <c>"double-quoted"</c> identifiers where identifiers are quoted otherwise (MariaDB reads them as
    /// strings); and, given the <paramref name="source"/> engine it was written for, <c>||</c> where one engine reads it as
    /// OR (<see cref="DoublePipeIsOr"/>) and <c>/</c> where one divides integers to a whole number
    /// (<see cref="IntegerDivisionTruncates"/>). String literals and comments are skipped. <c>schema apply</c> refuses such
    /// an object by name before anything runs (bt43 N-new-5, N-new-9: a PostgreSQL view over "Users" or a
    /// <c>nextval('seq'::regclass)</c> default failed half-way on MariaDB; bt44 H1: a view's <c>a||b</c> and <c>n/2</c>
    /// were applied as written and gave other values).
    /// </summary>
    internal string? UnreadableSql(string sql, SqlDialect? source = null)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var from = source?.Engine.DisplayName();
        for (var i = 0; i < sql.Length; i++)
        {
            if (sql[i] == '\'')
            {
                // on to the closing quote ('' inside is one quote)
                i++;
                while (i < sql.Length && !(sql[i] == '\'' && !(i + 1 < sql.Length && sql[i + 1] == '\''))) i += sql[i] == '\'' ? 2 : 1;
                continue;
            }
            if (sql[i] == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 1;
                continue;
            }
            if (sql[i] == ':' && i + 1 < sql.Length && sql[i + 1] == ':' && !SupportsPostgreSqlCasts)
                return $"PostgreSQL's :: casts, which {Engine.DisplayName()} does not read";
            if (sql[i] == '"' && OpenQuote != '"')
                return $"\"double-quoted\" names, which {Engine.DisplayName()} reads as strings";
            if (source is null) continue;
            if (sql[i] == '|' && i + 1 < sql.Length && sql[i + 1] == '|' && source.DoublePipeIsOr != DoublePipeIsOr)
                return $"the operator ||, which is {(source.DoublePipeIsOr ? "OR" : "concatenation")} on {from} and {(DoublePipeIsOr ? "OR" : "concatenation")} on {Engine.DisplayName()}";
            if (sql[i] == '/' && source.IntegerDivisionTruncates != IntegerDivisionTruncates)
                return $"the operator /, which divides integers differently ({(source.IntegerDivisionTruncates ? from : Engine.DisplayName())}: 7 / 2 = 3; " +
                       $"{(source.IntegerDivisionTruncates ? Engine.DisplayName() : from)}: 3.5)";
        }
        return null;
    }

    /// <summary>
    /// The one spelling of a table, view or sequence name that may be in another schema: <c>"name"</c> when
    /// <paramref name="schema"/> is null (the connection's current schema), <c>"schema"."name"</c> otherwise.
    /// </summary>
    public string QuoteName(string? schema, string name) => schema is null ? QuoteIdentifier(name) : QuoteQualified(schema, name);

    /// <summary><c>CREATE SCHEMA IF NOT EXISTS</c> for an engine with schemas inside a database; null for one without.</summary>
    public virtual string? CreateSchemaSql(string schema) => Capabilities.Schemas ? "CREATE SCHEMA IF NOT EXISTS " + QuoteIdentifier(schema) : null;

    /// <summary>Quotes a possibly schema-qualified name given as parts (<c>schema</c>, <c>table</c>).</summary>
    public string QuoteQualified(params string[] parts) => string.Join('.', parts.Select(QuoteIdentifier));

    private static readonly string[] DollarNames = Enumerable.Range(1, 128).Select(i => "$" + i).ToArray();
    private static readonly string[] AtNames = Enumerable.Range(0, 128).Select(i => "@p" + i).ToArray();

    /// <summary>The placeholder text for the parameter at <paramref name="index"/> (0-based).</summary>
    public string Placeholder(int index) => ParameterStyle == ParameterStyle.DollarPositional
        ? (index < DollarNames.Length ? DollarNames[index] : "$" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))
        : ParameterName(index);

    /// <summary>
    /// What <c>[NOT] IN (:ids)</c> becomes when the list is empty: SQL's rule for an empty set (nothing is in it,
    /// everything — NULL included — is not in it). The default is an empty subquery, <c>IN (SELECT NULL WHERE 1 = 0)</c>.
    /// </summary>
    public virtual string EmptyInListSql(bool negated) => negated ? "NOT IN (SELECT NULL WHERE 1 = 0)" : "IN (SELECT NULL WHERE 1 = 0)";

    /// <summary>The driver-side parameter name for index <paramref name="index"/>; empty for positional styles.</summary>
    public string ParameterName(int index) => ParameterStyle == ParameterStyle.DollarPositional
        ? ""
        : index < AtNames.Length ? AtNames[index] : "@p" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The SQL NexuSQL sends for <paramref name="sql"/>: each <c>:name</c> replaced by this driver's placeholder, nothing else changed.</summary>
    public string Rewrite(string sql) => Internal.ParsedSql.Get(sql, this).Rewritten;

    /// <summary>The distinct <c>:name</c> parameters of <paramref name="sql"/>, in order of first use.</summary>
    public IReadOnlyList<string> ParameterNames(string sql) => Internal.ParsedSql.Get(sql, this).Names;

    /// <summary>
    /// <c>INSERT</c> of <paramref name="columns"/> (as <c>:column</c> parameters) that returns <paramref name="returning"/>:
    /// <c>RETURNING</c>, or SQL Server's <c>OUTPUT INSERTED.*</c>.
    /// </summary>
    /// <exception cref="NotSupportedException">The engine cannot return inserted values (<see cref="DialectCapabilities.Returning"/> is false).</exception>
    public virtual string InsertReturning(string table, IReadOnlyList<string> columns, IReadOnlyList<string> returning)
    {
        if (!Capabilities.Returning) throw new NotSupportedException($"{Engine.DisplayName()} has no INSERT ... RETURNING; read the generated key separately (e.g. LAST_INSERT_ID()).");
        return $"INSERT INTO {QuoteIdentifier(table)} ({string.Join(", ", columns.Select(QuoteIdentifier))}) " +
               $"VALUES ({string.Join(", ", columns.Select(c => ":" + c))}) RETURNING {string.Join(", ", returning.Select(QuoteIdentifier))}";
    }

    /// <summary>Creates a savepoint.</summary>
    public virtual string SavepointSql(string name) => "SAVEPOINT " + QuoteIdentifier(name);

    /// <summary>Rolls back to a savepoint.</summary>
    public virtual string RollbackToSavepointSql(string name) => "ROLLBACK TO SAVEPOINT " + QuoteIdentifier(name);

    /// <summary>Releases a savepoint.</summary>
    public virtual string ReleaseSavepointSql(string name) => "RELEASE SAVEPOINT " + QuoteIdentifier(name);

    /// <summary>A query returning the server's version text.</summary>
    public abstract string ServerVersionSql { get; }

    /// <summary>Spells a column type.</summary>
    public virtual string TypeName(SqlType type, int length = 0) => type switch
    {
        SqlType.Int32 => "INTEGER",
        SqlType.Int64 => "BIGINT",
        SqlType.Boolean => "BOOLEAN",
        SqlType.VarChar => $"VARCHAR({length})",
        SqlType.Text => "TEXT",
        SqlType.Timestamp => "TIMESTAMP",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Spells a portable column type for this engine.</summary>
    /// <exception cref="NotSupportedException">The engine cannot hold the type.</exception>
    public virtual string ColumnTypeSql(Schema.ColumnType type) => type.Kind switch
    {
        Schema.PortableType.Boolean => "BOOLEAN",
        Schema.PortableType.Int16 => "SMALLINT",
        Schema.PortableType.Int32 => "INTEGER",
        Schema.PortableType.Int64 => "BIGINT",
        Schema.PortableType.Decimal => $"NUMERIC({type.Precision},{type.Scale})",
        Schema.PortableType.Float32 => "REAL",
        Schema.PortableType.Float64 => "DOUBLE PRECISION",
        Schema.PortableType.String => type.Fixed ? $"CHAR({type.Length})" : $"VARCHAR({type.Length})",
        Schema.PortableType.Text => "TEXT",
        Schema.PortableType.Binary => "BYTEA",
        Schema.PortableType.Uuid => "UUID",
        Schema.PortableType.Date => "DATE",
        Schema.PortableType.Time => "TIME" + FractionalDigits(type),
        Schema.PortableType.Timestamp => "TIMESTAMP" + FractionalDigits(type),
        Schema.PortableType.TimestampTz => "TIMESTAMPTZ" + FractionalDigits(type),
        Schema.PortableType.Json => "JSONB",
        Schema.PortableType.Native => type.Native!,
        _ => throw new NotSupportedException($"{Engine.DisplayName()} cannot hold {type}."),
    };

    /// <summary><c>(p)</c> for a time or timestamp with fractional-second digits, else empty (the engine's default).</summary>
    protected static string FractionalDigits(Schema.ColumnType type) =>
        type?.Precision is { } p ? $"({p.ToString(System.Globalization.CultureInfo.InvariantCulture)})" : "";

    /// <summary>
    /// The engine can declare a table STRICT (SQLite 3.37+). Where false, <see cref="Schema.TableModel.Strict"/> is
    /// ignored by the DDL and the diff: the engine enforces column types anyway.
    /// </summary>
    public virtual bool SupportsStrictTables => false;

    /// <summary>Spells a portable column type for a column of a STRICT table (the same as <see cref="ColumnTypeSql"/> where the engine has no such tables).</summary>
    /// <exception cref="NotSupportedException">The engine cannot hold the type.</exception>
    public virtual string StrictColumnTypeSql(Schema.ColumnType type) => ColumnTypeSql(type);

    /// <summary>The column definition's identity clause (PostgreSQL: GENERATED BY DEFAULT AS IDENTITY).</summary>
    public virtual string IdentitySql => "GENERATED BY DEFAULT AS IDENTITY";

    /// <summary>A portable default (<c>now()</c>, <c>uuid()</c>) in this engine's spelling; a literal as it is, an expression in parentheses.</summary>
    public virtual string DefaultSql(string portable) => portable.Trim().ToLowerInvariant() switch
    {
        "now()" => "CURRENT_TIMESTAMP",
        "utc_timestamp()" => "(now() AT TIME ZONE 'utc')",
        "uuid()" => "gen_random_uuid()",
        _ => Schema.ColumnDefault.IsExpression(portable) ? "(" + portable + ")" : portable,
    };

    /// <summary>Statements changing a column's type, nullability and default (empty when nothing differs).</summary>
    /// <exception cref="NotSupportedException">The engine cannot alter columns in place (SQLite).</exception>
    public virtual IReadOnlyList<string> AlterColumnSql(string table, Schema.ColumnModel current, Schema.ColumnModel desired)
    {
        var t = QuoteIdentifier(table);
        var c = QuoteIdentifier(desired.Name);
        // a generated column's expression cannot be changed in place (PostgreSQL 15): the column is made again, and computed again
        if (current.Generated != desired.Generated && (current.Generated is null || desired.Generated is null
            || !Schema.SqlExpressionText.SameMeaning(current.Generated.Expression, desired.Generated.Expression) || current.Generated.Stored != desired.Generated.Stored))
            return [$"ALTER TABLE {t} DROP COLUMN {c}", AddColumnSql(table, desired)];
        var result = new List<string>();
        if (current.IdentityOptions != desired.IdentityOptions && current.Identity && desired.Identity)
        {
            var o = desired.IdentityOptions ?? new Schema.IdentityOptions();
            result.Add($"ALTER TABLE {t} ALTER COLUMN {c} SET GENERATED {(o.Always ? "ALWAYS" : "BY DEFAULT")} SET START WITH {o.Start.ToString(System.Globalization.CultureInfo.InvariantCulture)} " +
                $"SET INCREMENT BY {o.Increment.ToString(System.Globalization.CultureInfo.InvariantCulture)} " +
                $"SET {(o.MinValue is { } min ? "MINVALUE " + min.ToString(System.Globalization.CultureInfo.InvariantCulture) : "NO MINVALUE")} " +
                $"SET {(o.MaxValue is { } max ? "MAXVALUE " + max.ToString(System.Globalization.CultureInfo.InvariantCulture) : "NO MAXVALUE")} " +
                $"SET {(o.Cycle ? "CYCLE" : "NO CYCLE")} SET CACHE {(o.Cache ?? 1).ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }
        // a type change without COLLATE resets the collation to the type's default: the wanted one is always restated
        var collationChanged = !string.Equals(current.Collation, desired.Collation, StringComparison.OrdinalIgnoreCase);
        var declaredChanged = desired.EngineType?.For(Engine) is not null && current.EngineType is not null && !desired.EngineType.Same(current.EngineType);
        if (current.Type != desired.Type || collationChanged || declaredChanged)
            result.Add($"ALTER TABLE {t} ALTER COLUMN {c} TYPE {DeclaredTypeSql(desired, strictTable: false)}" +
                (desired.Collation is { } k ? " " + CollationSql(k) : collationChanged ? " " + CollationSql("default") : ""));
        if (current.Nullable != desired.Nullable) result.Add($"ALTER TABLE {t} ALTER COLUMN {c} {(desired.Nullable ? "DROP" : "SET")} NOT NULL");
        if (!Schema.ColumnDefault.Same(current.Default, desired.Default, desired.Type)) result.Add(desired.Default is null ? $"ALTER TABLE {t} ALTER COLUMN {c} DROP DEFAULT" : $"ALTER TABLE {t} ALTER COLUMN {c} SET DEFAULT {DefaultSql(desired.Default)}");
        return result;
    }

    /// <summary>Adds a column to an existing table.</summary>
    public virtual string AddColumnSql(string table, Schema.ColumnModel column) =>
        $"ALTER TABLE {QuoteIdentifier(table)} ADD COLUMN {Schema.SchemaScript.Column(column, this)}";

    /// <summary>Adds a column to an existing table, spelling its type as a STRICT table needs when <paramref name="strictTable"/>.</summary>
    public string AddColumnSql(string table, Schema.ColumnModel column, bool strictTable) =>
        strictTable && SupportsStrictTables
            ? $"ALTER TABLE {QuoteIdentifier(table)} ADD COLUMN {Schema.SchemaScript.Column(column, this, strictTable: true)}"
            : AddColumnSql(table, column);

    /// <summary>Adds a unique constraint to an existing table (SQLite: a unique index).</summary>
    public virtual string AddUniqueSql(string table, string name, IReadOnlyList<string> columns) =>
        $"ALTER TABLE {QuoteIdentifier(table)} ADD CONSTRAINT {QuoteIdentifier(name)} UNIQUE ({string.Join(", ", columns.Select(QuoteIdentifier))})";

    /// <summary>Drops an index.</summary>
    public virtual string DropIndexSql(string table, string index) => "DROP INDEX " + QuoteIdentifier(index);

    /// <summary>Drops a named foreign key.</summary>
    public virtual string DropForeignKeySql(string table, string name) => $"ALTER TABLE {QuoteIdentifier(table)} DROP CONSTRAINT {QuoteIdentifier(name)}";

    /// <summary>Drops a named CHECK constraint.</summary>
    public virtual string DropCheckSql(string table, string name) => $"ALTER TABLE {QuoteIdentifier(table)} DROP CONSTRAINT {QuoteIdentifier(name)}";

    /// <summary>Drops a named unique constraint.</summary>
    public virtual string DropUniqueSql(string table, string name) => $"ALTER TABLE {QuoteIdentifier(table)} DROP CONSTRAINT {QuoteIdentifier(name)}";

    /// <summary>The engine has standalone sequences (all but SQLite).</summary>
    public virtual bool SupportsSequences => true;

    /// <summary>CREATE SEQUENCE name START WITH s INCREMENT BY i, with MINVALUE, MAXVALUE, CYCLE and CACHE where they are set.</summary>
    public virtual string CreateSequenceSql(Schema.SequenceModel sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var bounds = sequence.BoundsSql();
        return $"CREATE SEQUENCE {QuoteName(sequence.Schema, sequence.Name)} START WITH {sequence.Start} INCREMENT BY {sequence.Increment}{(bounds.Length > 0 ? " " + bounds : "")}";
    }

    /// <summary>
    /// ALTER SEQUENCE name START WITH s INCREMENT BY i and its bounds (NO MINVALUE / NO MAXVALUE / NO CYCLE where they are
    /// the defaults); the next value is left where it is.
    /// </summary>
    public virtual string AlterSequenceSql(Schema.SequenceModel sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        return $"ALTER SEQUENCE {QuoteName(sequence.Schema, sequence.Name)} START WITH {sequence.Start} INCREMENT BY {sequence.Increment} " +
            $"{(sequence.MinValue is { } min ? "MINVALUE " + min.ToString(inv) : "NO MINVALUE")} {(sequence.MaxValue is { } max ? "MAXVALUE " + max.ToString(inv) : "NO MAXVALUE")} " +
            $"{(sequence.Cycle ? "CYCLE" : NoCycleSql)}{(sequence.Cache is { } cache ? " CACHE " + cache.ToString(inv) : "")}";
    }

    /// <summary>The smallest CACHE a sequence takes, meaning "one value at a time" (MariaDB <c>NOCACHE</c> is 0, PostgreSQL's 1).</summary>
    internal virtual long SequenceCacheMinimum => 0;

    /// <summary>How ALTER SEQUENCE says a sequence stops at its bound: <c>NO CYCLE</c> (MariaDB: <c>NOCYCLE</c>).</summary>
    protected virtual string NoCycleSql => "NO CYCLE";

    /// <summary>A unique index and a unique constraint are the same object on this engine (MySQL).</summary>
    public virtual bool UniqueIndexesAreConstraints => false;

    /// <summary>Foreign keys can be added with ALTER TABLE (false on SQLite: they are declared in CREATE TABLE).</summary>
    public virtual bool AlterTableAddsForeignKeys => true;

    /// <summary>
    /// Column changes, new foreign keys and checks are made by rebuilding the table (SQLite): create the new shape,
    /// copy the rows, drop the old table, rename, recreate its indexes — in the plan's transaction.
    /// </summary>
    public virtual bool RebuildsTables => false;

    /// <summary>A query returning the session's current schema (MySQL: database) name, for <c>${flyway:defaultSchema}</c>.</summary>
    public virtual string CurrentSchemaSql => "SELECT current_schema()";

    /// <summary>
    /// SQL that makes <paramref name="schema"/> the first place unqualified names resolve to on this connection (Flyway's
    /// <c>defaultSchema</c>: PostgreSQL puts it in front of the <c>search_path</c>, so objects in <c>public</c> are still
    /// found; MySQL <c>USE</c>s that database), until the transaction ends when <paramref name="untilTransactionEnds"/>
    /// (null when the engine cannot scope it so). Null when the engine has no such setting (SQLite; SQL Server, where the
    /// login's default schema decides).
    /// </summary>
    public virtual string? UseSchemaSql(string schema, bool untilTransactionEnds) => null;

    /// <summary>A query returning the connection's name-resolution setting, for <see cref="RestoreSchemaSql"/> (null: none).</summary>
    public virtual string? SchemaSettingSql => null;

    /// <summary>SQL restoring a setting read with <see cref="SchemaSettingSql"/>.</summary>
    public virtual string RestoreSchemaSql(string setting) => throw new NotSupportedException($"{Engine.DisplayName()} has no schema setting to restore.");

    /// <summary>
    /// A statement giving the setting <paramref name="name"/> the value of parameter <c>:value</c> until the end of
    /// the transaction (PostgreSQL <c>set_config</c>; MySQL the user variable <c>@name</c>, undone by
    /// <see cref="UnitSettingResetSql"/>); null when the engine has no session settings (SQLite).
    /// </summary>
    /// <exception cref="ArgumentException">The name cannot be a setting of this engine.</exception>
    public virtual string? UnitSettingSql(string name) => null;

    /// <summary>The statement that undoes <see cref="UnitSettingSql"/> after the transaction ended; null when it ends with it.</summary>
    public virtual string? UnitSettingResetSql(string name) => null;

    /// <summary>
    /// Why <paramref name="statement"/> (without leading comments) is a command of the engine's command-line client, not
    /// SQL the server runs (psql's <c>\restrict</c>, <c>COPY ... FROM stdin</c> with its data in the script), or null.
    /// </summary>
    public virtual string? ClientOnlyProblem(string statement) => null;

    /// <summary>A query counting schemas (MySQL: databases) named <c>:schema</c> (0 or 1).</summary>
    public virtual string SchemaExistsSql => "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = :schema";

    /// <summary>A query listing the names of the tables in schema <c>:schema</c>.</summary>
    public virtual string SchemaTablesSql => "SELECT table_name FROM information_schema.tables WHERE table_schema = :schema AND table_type = 'BASE TABLE'";

    /// <summary>A query counting tables named <c>:name</c> in the current schema/database (0 or 1).</summary>
    public virtual string TableExistsSql =>
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = :name";

    /// <summary>
    /// A query listing where a table named <c>:name</c> is in the database, whatever the search path: one row per
    /// schema holding one, NULL for the current schema, else the schema's name (MySQL: the current database only, its
    /// schemas being databases). Finds a table written under another current schema than the connection's now, such
    /// as an interrupted copy's marker (bt39 M2).
    /// </summary>
    public virtual string TableSchemasSql =>
        "SELECT CASE WHEN table_schema = current_schema() THEN NULL ELSE table_schema END FROM information_schema.tables " +
        "WHERE table_name = :name AND table_type = 'BASE TABLE'";

    /// <summary>
    /// True for a statement the engine refuses inside a transaction (PostgreSQL VACUUM, CREATE INDEX CONCURRENTLY,
    /// ALTER SYSTEM, CREATE DATABASE; SQLite VACUUM). A migration holding one runs without a transaction.
    /// </summary>
    /// <param name="statement">The statement, without leading comments.</param>
    public bool RequiresNoTransaction(string statement)
    {
        var normalized = string.Join(' ', statement.Split((char[]?)null, 8, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
        return NonTransactionalStatements.Any(p => normalized.StartsWith(p, StringComparison.Ordinal));
    }

    /// <summary>Statement prefixes (single-spaced, upper case) that cannot run in a transaction.</summary>
    protected virtual IReadOnlyList<string> NonTransactionalStatements => [];

    /// <summary>
    /// Whether <paramref name="statement"/> (without leading comments) is a script's own transaction control, which a
    /// migration NexuSQL runs in a transaction of its own may not hold (bt42 N1): <c>BEGIN</c>, <c>START
    /// TRANSACTION</c>, <c>COMMIT</c>, <c>END</c>, <c>ROLLBACK</c> (or PostgreSQL's synonym <c>ABORT</c>, bt44 M2) alone
    /// or with their own words (<c>TRANSACTION</c>,
    /// <c>WORK</c>, <c>IMMEDIATE</c>, <c>ISOLATION LEVEL ...</c>, <c>AND CHAIN</c>) — not a block's <c>END LOOP</c> or
    /// <c>END $$</c>, not <c>ROLLBACK TO</c> a savepoint.
    /// </summary>
    internal static bool IsTransactionControl(string statement) => TransactionControl().IsMatch(statement.Trim());

    /// <summary>
    /// Whether <paramref name="statement"/>, a script's own transaction control (<see cref="IsTransactionControl"/>),
    /// leaves a transaction open after it: <c>BEGIN</c>, <c>START TRANSACTION</c>, or a <c>COMMIT</c>/<c>ROLLBACK
    /// AND CHAIN</c> that starts the next one.
    /// </summary>
    internal static bool OpensTransaction(string statement)
    {
        var t = statement.Trim();
        if (!IsTransactionControl(t)) return false;
        if (t.StartsWith("BEGIN", StringComparison.OrdinalIgnoreCase) || t.StartsWith("START", StringComparison.OrdinalIgnoreCase)) return true;
        var words = t.TrimEnd(';').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= 2 && words[^1].Equals("CHAIN", StringComparison.OrdinalIgnoreCase) && !words[^2].Equals("NO", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// A query returning non-zero while the session is inside a transaction, where the engine can say so (MySQL/MariaDB
    /// <c>@@in_transaction</c>); null where a script's own transaction is read from its text alone, which is exact on an
    /// engine whose DDL never commits by itself. Asked after a script that ran statement by statement (bt43 N-new-12).
    /// </summary>
    internal virtual string? InTransactionSql => null;

    /// <summary>
    /// Whether <paramref name="statement"/> commits the session's open transaction before it runs (MySQL/MariaDB DDL),
    /// which a later ROLLBACK then cannot undo; false on engines whose DDL is transactional. Read from a script's text.
    /// </summary>
    /// <param name="statement">The statement, without leading comments.</param>
    internal virtual bool CommitsImplicitly(string statement) => false;

    [System.Text.RegularExpressions.GeneratedRegex(@"^(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|ABORT)(\s+(TRANSACTION|WORK|DEFERRED|IMMEDIATE|EXCLUSIVE|ISOLATION\s.*|READ\s.*|NOT\s+DEFERRABLE.*|DEFERRABLE.*|AND\s.*))?\s*;?$",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex TransactionControl();

    /// <summary>Appends <c>LIMIT</c>/<c>OFFSET</c> (or the engine's spelling) to an ordered query.</summary>
    public virtual string Paginate(string orderedSql, long limit, long offset = 0)
    {
        var sb = new StringBuilder(orderedSql).Append(" LIMIT ").Append(limit);
        if (offset > 0) sb.Append(" OFFSET ").Append(offset);
        return sb.ToString();
    }

    /// <summary>The dialect for an engine.</summary>
    public static SqlDialect For(NexuSqlEngine engine) => engine switch
    {
        NexuSqlEngine.Sqlite => SqliteDialect.Instance,
        NexuSqlEngine.PostgreSql => PostgreSqlDialect.Instance,
        NexuSqlEngine.CockroachDb => CockroachDbDialect.Instance,
        NexuSqlEngine.MySql => MySqlDialect.Instance,
        NexuSqlEngine.SqlServer => SqlServerDialect.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, "Unknown engine."),
    };

    /// <summary>The engine's name.</summary>
    public override string ToString() => Engine.ToString();
}
