namespace NexuSql.Dialects;

/// <summary>MySQL/MariaDB: `identifiers`, backslash escapes, # comments, "--" needs a following space, no transactional DDL.</summary>
public sealed partial class MySqlDialect : SqlDialect
{
    /// <inheritdoc/>
    public override int MaxIdentifierLength => 64;

    /// <summary><c>table_ibfk_N</c> (InnoDB's name for an unnamed foreign key; MySQL manual, "FOREIGN KEY Constraints").</summary>
    internal override string? GeneratedForeignKeyName(string table, int ordinal) => $"{table}_ibfk_{ordinal}";

    /// <inheritdoc/>
    /// <remarks>
    /// Names are kept in utf8mb3 (1300 for a character outside the Basic Multilingual Plane, an emoji); a table,
    /// column, index or foreign key name cannot end in a blank (1103, 1166, 1280), a CHECK's can.
    /// </remarks>
    public override string? NameProblem(string name, IdentifierKind kind) => base.NameProblem(name, kind)
        ?? (name.EnumerateRunes().Any(r => !r.IsBmp) ? $"a character outside the Basic Multilingual Plane (an emoji), which {Engine.DisplayName()} names cannot hold"
            : kind != IdentifierKind.Check && name.EndsWith(' ') ? $"it ends in a blank, which {Engine.DisplayName()} refuses in a name"
            : kind == IdentifierKind.Index && string.Equals(name, "PRIMARY", StringComparison.OrdinalIgnoreCase) ? $"{Engine.DisplayName()} keeps the index name PRIMARY for the primary key" : null);

    /// <inheritdoc/>
    public override bool ConstraintNamesIgnoreCase => true;

    /// <summary>The shared instance.</summary>
    public static MySqlDialect Instance { get; } = new();

    private MySqlDialect() { }

    /// <inheritdoc/>
    public override NexuSqlEngine Engine => NexuSqlEngine.MySql;

    /// <inheritdoc/>
    public override SqlLexicalRules Lexical { get; } = new()
    {
        BackslashEscapesInStrings = true,
        DoubleQuotedStrings = true,
        HashComments = true,
        DashDashNeedsWhitespace = true,
        ExecutableComments = true,
        BacktickIdentifiers = true,
        FollowsSqlMode = true,
    };

    /// <inheritdoc/>
    public override DialectCapabilities Capabilities { get; } = new() { AdvisoryLocks = true };

    /// <summary>The mysql client: <c>DELIMITER</c> lines; <c>END IF</c>, <c>END LOOP</c>, ... close statements inside a block.</summary>
    public override ScriptSyntax Scripts { get; } = new() { DelimiterCommand = true, EndClosesLoops = true };

    /// <summary>Without PIPES_AS_CONCAT (not in the default sql_mode) <c>||</c> is OR.</summary>
    public override bool DoublePipeIsOr => true;

    /// <inheritdoc/>
    public override bool ConstraintsMayBeBypassed => true;

    /// <inheritdoc/>
    public override bool IntegerDivisionTruncates => false;

    /// <inheritdoc/>
    public override bool IntegerArithmeticIn64Bits => true;

    /// <inheritdoc/>
    public override bool TextComparisonIgnoresCase => true;

    /// <inheritdoc/>
    public override bool IndexNamesPerTable => true;

    /// <inheritdoc/>
    public override bool ForeignKeyNamesPerDatabase => true;

    /// <inheritdoc/>
    /// <remarks>CAST ... AS BINARY rather than a collation: utf8mb4_nopad_bin is MariaDB's name, utf8mb4_0900_bin MySQL 8's.</remarks>
    public override string? ExactTextOperand(string operandSql) => $"CAST({operandSql} AS BINARY)";

    /// <inheritdoc/>
    public override bool CaseMapsByOldUnicodeTables => true;

    /// <inheritdoc/>
    public override string? CharacterLengthFunction => "char_length";

    /// <inheritdoc/>
    /// <remarks>MariaDB's DECIMAL holds 65 digits, 38 after the point (MySQL 8: 30).</remarks>
    public override string? ColumnTypeProblem(Schema.ColumnType type) =>
        type is { Kind: Schema.PortableType.Decimal } && (type.Precision > 65 || type.Scale > 38)
            ? $"{type}: MySQL/MariaDB's DECIMAL holds at most 65 digits, 38 after the point" : null;

    /// <inheritdoc/>
    public override bool ColumnNamesIgnoreCase => true;

    /// <inheritdoc/>
    /// <remarks>MariaDB 10.2+ (information_schema.CHECK_CONSTRAINTS.LEVEL from 10.5.10); MySQL 8 reports every check at table level.</remarks>
    public override bool ColumnLevelChecks => true;

    /// <inheritdoc/>
    /// <remarks>One AUTO_INCREMENT column per table, and it must be the first column of a key or index (error 1075).</remarks>
    public override string? IdentityProblem(Schema.TableModel table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var identities = table.Columns.Where(c => c.Identity).Select(c => c.Name).ToList();
        if (identities.Count > 1)
            return $"{identities.Count} identity columns ({string.Join(", ", identities)}); MariaDB/MySQL allow one AUTO_INCREMENT column per table";
        // MyISAM and Aria take it anywhere in a key (numbered per group of the columns before it)
        bool Leads(IEnumerable<string?> columns) => NumbersPerGroup(table) ? columns.Contains(identities[0], StringComparer.OrdinalIgnoreCase)
            : string.Equals(columns.FirstOrDefault(), identities[0], StringComparison.OrdinalIgnoreCase);
        if (identities.Count == 1 && !(table.PrimaryKey is { } pk && Leads(pk.Columns)) && !table.Uniques.Any(u => Leads(u.Columns))
            && !table.Indexes.Any(i => Leads(i.Columns.Select(c => c.Name))))
            return $"identity column {identities[0]} is not the first column of a key or index; MariaDB/MySQL need one for an AUTO_INCREMENT column (MyISAM and Aria: a column of one)";
        // error 1901 "Function or expression 'AUTO_INCREMENT' cannot be used in the CHECK clause" (bt43 N-new-2: a SQLite
        // CHECK (id > 0) on its INTEGER PRIMARY KEY failed half-way)
        if (identities.Count == 1 && table.Checks.FirstOrDefault(c => Schema.SqlExpressionText.ColumnsIn(c.Expression, identities).Count > 0) is { } check)
            return $"check {(check.Name is { } name ? name + " " : "")}({check.Expression}) reads identity column {identities[0]}, and MariaDB/MySQL refuse an AUTO_INCREMENT column in a " +
                "CHECK (error 1901); drop the check, or make the column a plain one";
        return null;
    }

    /// <summary>
    /// An AUTO_INCREMENT column that does not lead the primary key: the first unique key it leads is created with the
    /// table (break test 28 L20: a load adds unique keys after the rows, and CREATE TABLE failed with 1075). One that
    /// leads a plain index only still fails there, named by table.
    /// </summary>
    internal override Schema.KeyModel? KeyCreatedWithTable(Schema.TableModel table)
    {
        if (table.Columns.FirstOrDefault(c => c.Identity) is not { } identity) return null;
        bool Leads(IEnumerable<string?> columns) => string.Equals(columns.FirstOrDefault(), identity.Name, StringComparison.OrdinalIgnoreCase);
        return table.PrimaryKey is { } pk && Leads(pk.Columns) ? null : table.Uniques.FirstOrDefault(u => Leads(u.Columns));
    }

    /// <inheritdoc/>
    protected override char OpenQuote => '`';

    /// <inheritdoc/>
    protected override char CloseQuote => '`';

    /// <inheritdoc/>
    public override string ServerVersionSql => "SELECT VERSION()";

    /// <summary>The empty subquery with <c>FROM DUAL</c>: MySQL takes a WHERE without FROM only there (MariaDB either way).</summary>
    public override string EmptyInListSql(bool negated) =>
        negated ? "NOT IN (SELECT NULL FROM DUAL WHERE 1 = 0)" : "IN (SELECT NULL FROM DUAL WHERE 1 = 0)";

    /// <inheritdoc/>
    public override string TypeName(SqlType type, int length = 0) => type switch
    {
        SqlType.Timestamp => "DATETIME(6)",
        _ => base.TypeName(type, length),
    };

    /// <inheritdoc/>
    public override string ColumnTypeSql(Schema.ColumnType type) => type.Kind switch
    {
        Schema.PortableType.Boolean => "TINYINT(1)",
        Schema.PortableType.Int32 => "INT",
        Schema.PortableType.Decimal => $"DECIMAL({type.Precision},{type.Scale})",
        Schema.PortableType.Float32 => "FLOAT",
        Schema.PortableType.Float64 => "DOUBLE",
        Schema.PortableType.Text => "LONGTEXT",
        Schema.PortableType.Binary => "LONGBLOB",
        Schema.PortableType.Uuid => "CHAR(36)",
        Schema.PortableType.Time => $"TIME({type.Precision ?? 6})",
        Schema.PortableType.Timestamp => $"DATETIME({type.Precision ?? 6})",
        Schema.PortableType.TimestampTz => $"TIMESTAMP({type.Precision ?? 6})",
        Schema.PortableType.Json => "JSON",
        _ => base.ColumnTypeSql(type),
    };

    /// <inheritdoc/>
    public override string IdentitySql => "AUTO_INCREMENT";

    /// <inheritdoc/>
    public override bool GeneratedColumnsTakeNotNull => false;

    /// <summary><c>GENERATED ALWAYS AS ROW START</c> / <c>ROW END</c> for a system-versioned table's own period columns; otherwise the expression's.</summary>
    public override string GeneratedColumnSql(Schema.GeneratedColumn generated) =>
        generated?.Expression is Schema.TableModel.RowStart or Schema.TableModel.RowEnd ? "GENERATED ALWAYS AS " + generated.Expression : base.GeneratedColumnSql(generated!);

    /// <summary>A system-versioned table's ROW START / ROW END values, written as the source holds them (<see cref="WriteGeneratedColumnsSql"/>).</summary>
    internal override bool WritesGeneratedColumn(Schema.ColumnModel column) => column?.Generated?.Expression is Schema.TableModel.RowStart or Schema.TableModel.RowEnd;

    /// <summary>MariaDB 10.11+: a load may give the ROW START / ROW END columns their values (the current rows keep when they began).</summary>
    internal override string? WriteGeneratedColumnsSql => "SET SESSION system_versioning_insert_history = 1";

    /// <summary>InnoDB checks RESTRICT and NO ACTION alike, and reports an undeclared action as RESTRICT.</summary>
    internal override bool ForeignKeyRestrictIsNoAction => true;

    /// <summary>False: InnoDB parses SET DEFAULT and keeps NO ACTION (MariaDB manual, FOREIGN KEY).</summary>
    internal override bool ForeignKeySetDefault => false;

    /// <summary><c>binary</c> and the collations that neither fold nor pad (<c>*_nopad_bin</c>; MySQL 8's <c>utf8mb4_0900_bin</c>).</summary>
    internal override bool KeyCollationComparesCharacters(string collation) =>
        collation.Equals("binary", StringComparison.OrdinalIgnoreCase) || collation.EndsWith("_nopad_bin", StringComparison.OrdinalIgnoreCase)
        || collation.Equals("utf8mb4_0900_bin", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// An unconstrained <c>numeric</c>: DECIMAL needs a precision and scale here (at most 65 digits;
    /// DECIMAL alone is DECIMAL(10,0), which rounds 1.50 to 2; MariaDB manual, DECIMAL).
    /// </summary>
    internal override string? NativeTypeLimit(string native) =>
        native.Equals("numeric", StringComparison.OrdinalIgnoreCase) || native.Equals("decimal", StringComparison.OrdinalIgnoreCase)
            ? $"MySQL/MariaDB DECIMAL has a fixed precision and scale (at most 65 digits; DECIMAL alone rounds 1.50 to 2), so {native} without them would not arrive identical; " +
              "give the column a precision and scale in the source (numeric(p,s))"
            : null;

    /// <summary>
    /// Where the referencing column is CHAR (MariaDB stores it without trailing blanks) or the collation pads — every one
    /// but the NO PAD ones and <c>binary</c> (both columns have the same one: InnoDB refuses a key between two, errno 150;
    /// checked with the mariadb client: a varchar <c>'ab '</c> references a <c>utf8mb4_bin</c> or <c>_ci</c> key's
    /// <c>'ab'</c>, not a <c>utf8mb4_nopad_bin</c> one's).
    /// </summary>
    internal override bool ForeignKeyIgnoresTrailingBlanks(Schema.ColumnModel referenced, Schema.ColumnModel referencing) =>
        referencing.Type is { Kind: Schema.PortableType.String, Fixed: true }
        || (referencing.Collation ?? referenced.Collation) is not { } collation
        || !collation.Contains("nopad", StringComparison.OrdinalIgnoreCase) && !collation.Equals("binary", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The collation's weights (<c>WEIGHT_STRING</c>, which takes 'Bob' and 'bob', 'ß' and 'ss' under
    /// <c>utf8mb4_unicode_ci</c> for one, as <c>=</c> does), of the text without its trailing blanks where the collation pads
    /// or the column is CHAR — WEIGHT_STRING keeps them; nothing under a collation that compares characters.
    /// </summary>
    internal override string? KeyFoldSql(string? collation, Schema.ColumnType type, string operand)
    {
        if (collation is null || KeysCompareCharacters(collation) || collation.Equals("binary", StringComparison.OrdinalIgnoreCase))
            return type is { Kind: Schema.PortableType.String, Fixed: true } ? $"RTRIM({operand})" : null;
        var charset = collation.Split('_')[0];
        var text = $"CONVERT({operand} USING {charset})";
        var trims = !collation.Contains("nopad", StringComparison.OrdinalIgnoreCase) || type is { Kind: Schema.PortableType.String, Fixed: true };
        return $"HEX(WEIGHT_STRING({(trims ? $"RTRIM({text})" : text)} COLLATE {collation}))";
    }

    /// <summary>Every collation but those that compare characters: <c>_ci</c> ones fold case and accents, PAD SPACE ones (<c>utf8mb4_bin</c>) trailing blanks.</summary>
    /// <remarks>
    /// The pairs shown are those the collation takes for one (bt45 L2: a SQLite NOCASE key against a MariaDB
    /// <c>_ci</c> one showed 'A' and 'a' on both sides, which both take): a case-insensitive one's accents ('é' and 'e',
    /// unless accent-sensitive, <c>_as_</c>) and padding ('a' and 'a ', unless NO PAD: <c>nopad</c>, MySQL's
    /// <c>_0900_</c>).
    /// </remarks>
    internal override string? KeyCollationFolds(string collation)
    {
        if (KeyCollationComparesCharacters(collation)) return null;
        if (collation.EndsWith("_bin", StringComparison.OrdinalIgnoreCase)) return "'a' and 'a '";
        var pads = !collation.Contains("nopad", StringComparison.OrdinalIgnoreCase) && !collation.Contains("_0900_", StringComparison.OrdinalIgnoreCase);
        if (collation.Contains("_cs", StringComparison.OrdinalIgnoreCase))
            return pads ? "'a' and 'a ', under a case-sensitive collation" : "two texts the case-sensitive collation equates";
        return string.Join(", ", new[] { "'A' and 'a'", collation.Contains("_as_", StringComparison.OrdinalIgnoreCase) ? null : "'é' and 'e'", pads ? "'a' and 'a '" : null }.OfType<string>());
    }

    /// <summary>
    /// <c>utf8mb4_nopad_bin</c> (MariaDB 10.2+): code point order, which is UTF-8 byte order, and no padding ('a' and 'a '
    /// are two keys, as under PostgreSQL's "C"; <c>utf8mb4_bin</c> pads).
    /// </summary>
    internal override string? BytewiseCollation => "utf8mb4_nopad_bin";

    /// <summary><c>utf8mb4_bin</c>: code point order, PAD SPACE (MariaDB manual, "Character Sets and Collations").</summary>
    internal override string? TrailingBlanksCollation => "utf8mb4_bin";

    /// <summary>A database's default collation is a <c>_ci</c> one as a rule, and even <c>_bin</c> pads.</summary>
    internal override bool DefaultCollationKeysCompareCharacters => false;

    /// <summary>Where 'A' and 'a' are meant as two keys: a collation that compares characters, <c>utf8mb4_nopad_bin</c>.</summary>
    internal override string KeyCollationAdvice(string collation) =>
        $"Where the key is meant to tell 'A' from 'a' (and 'a' from 'a '), give the column a collation that compares characters in the source " +
        $"(ALTER TABLE ... MODIFY ... COLLATE {(collation.Contains('_', StringComparison.Ordinal) ? collation[..collation.IndexOf('_', StringComparison.Ordinal)] : "utf8mb4")}_nopad_bin)";

    /// <summary><c>utf8mb4</c> unless the database's default collation is a utf8mb4 one.</summary>
    public override string? UnicodeCharacterSet(string? databaseCollation) =>
        databaseCollation is null || databaseCollation.StartsWith("utf8mb4", StringComparison.OrdinalIgnoreCase) ? null : "utf8mb4";

    /// <summary>
    /// <c> DEFAULT COLLATE=latin1_swedish_ci</c> (which sets the character set too) when the table has its own default collation;
    /// <c> DEFAULT CHARSET=utf8mb4</c> (with that set's default collation) where it is a character set's name (<see cref="UnicodeCharacterSet"/>).
    /// </summary>
    /// <remarks>
    /// <c> ENGINE=MyISAM</c> before it for a table not in InnoDB (<see cref="Schema.TableModel.StorageEngine"/>) with the
    /// table's other options (<see cref="Schema.TableModel.CreateOptions"/>), and the
    /// partitioning clause after it (<see cref="Schema.TableModel.PartitionClause"/>).
    /// </remarks>
    public override string TableOptionsSql(Schema.TableModel table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var engine = table.StorageEngine is { } name ? " ENGINE=" + (System.Text.RegularExpressions.Regex.IsMatch(name, "^[A-Za-z0-9_]+$") ? name : QuoteIdentifier(name)) : "";
        var collate = table.Collation is not { } collation ? ""
            : !collation.Contains('_', StringComparison.Ordinal) && System.Text.RegularExpressions.Regex.IsMatch(collation, "^[A-Za-z0-9]+$") ? " DEFAULT CHARSET=" + collation
            : " DEFAULT " + CollationSql(collation).Replace("COLLATE ", "COLLATE=", StringComparison.Ordinal);
        return engine + (table.CreateOptions is { } options ? " " + options : "") + collate + (table.SystemVersioned ? " WITH SYSTEM VERSIONING" : "") + (table.Comment is { } comment ? " COMMENT=" + CommentLiteral(comment) : "")
            + (table.PartitionClause is { } partitions ? "\n" + partitions : "");
    }

    /// <inheritdoc/>
    public override bool Comments => true;

    /// <summary>MariaDB/MySQL keep at most 2048 characters in a table's comment, 1024 in a column's or index's.</summary>
    public override int? MaxCommentLength(bool table) => table ? 2048 : 1024;

    // under the default sql_mode (no NO_BACKSLASH_ESCAPES) a backslash escapes: doubled
    private static string CommentLiteral(string comment) =>
        "'" + comment.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <inheritdoc/>
    public override string? ColumnCommentClause(string comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        return "COMMENT " + CommentLiteral(comment);
    }

    /// <inheritdoc/>
    public override string? SetTableCommentSql(Schema.TableModel table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return $"ALTER TABLE {QuoteIdentifier(table.Name)} COMMENT = {CommentLiteral(table.Comment ?? "")}";
    }

    /// <summary>MariaDB 10.5+ (<c>PERIOD FOR</c> and <c>WITHOUT OVERLAPS</c>); MySQL has neither and refuses them where it meets them.</summary>
    public override bool ApplicationPeriods => true;

    /// <inheritdoc/>
    public override bool DescendingKeyParts => true;

    /// <inheritdoc/>
    internal override string? UtcTimestampTextSql => "date_format(utc_timestamp(), '%Y-%m-%d %H:%i:%s')";

    /// <inheritdoc/>
    public override bool TableStorageEngines => true;

    /// <summary>Storage engines with transactions, which <c>START TRANSACTION WITH CONSISTENT SNAPSHOT</c> covers.</summary>
    private static readonly HashSet<string> TransactionalEngines = new(["InnoDB", "XtraDB", "RocksDB", "TokuDB"], StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc/>
    /// <remarks>
    /// A table in any other engine (MyISAM, Aria, MEMORY, CSV, ARCHIVE, MERGE) is read as it is at that moment, not as
    /// the snapshot saw the database (mysqldump <c>--single-transaction</c> has the same limit; its <c>--lock-tables</c>
    /// would end the snapshot's transaction).
    /// </remarks>
    internal override string? OutsideSnapshotEngine(Schema.TableModel table) =>
        table.StorageEngine is { } engine && !TransactionalEngines.Contains(engine) ? engine : null;

    /// <inheritdoc/>
    public override bool ViewCheckOptions => true;

    /// <inheritdoc/>
    public override bool ViewSecurityInvoker => true;

    /// <inheritdoc/>
    public override string CreateViewHead(Schema.ViewModel view)
    {
        ArgumentNullException.ThrowIfNull(view);
        // ALGORITHM=TEMPTABLE makes the view read-only: without it a copy took INSERTs the source refuses (break test 25 F17)
        var algorithm = view.Algorithm is "merge" or "temptable" ? $"ALGORITHM={view.Algorithm.ToUpperInvariant()} " : "";
        return $"CREATE {algorithm}{(view.SecurityInvoker ? "SQL SECURITY INVOKER " : "")}VIEW {QuoteName(view.Schema, view.Name)}";
    }

    /// <inheritdoc/>
    public override string? IdentityNumberedPerGroup(Schema.TableModel table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!NumbersPerGroup(table) || table.Columns.FirstOrDefault(c => c.Identity) is not { } identity) return null;
        var key = new[] { table.PrimaryKey }.Concat(table.Uniques).OfType<Schema.KeyModel>()
            .FirstOrDefault(k => k.Columns.Skip(1).Contains(identity.Name, StringComparer.OrdinalIgnoreCase));
        if (key is null) return null;
        var group = key.Columns.TakeWhile(c => !string.Equals(c, identity.Name, StringComparison.OrdinalIgnoreCase));
        return $"AUTO_INCREMENT column {identity.Name} numbers rows per group of ({string.Join(", ", group)}) (ENGINE={table.StorageEngine})";
    }

    // MyISAM and Aria (and their MERGE tables) take an AUTO_INCREMENT anywhere in a key, numbered per group of the columns before it
    private static bool NumbersPerGroup(Schema.TableModel table) =>
        table.StorageEngine is { } engine && (engine.Equals("MyISAM", StringComparison.OrdinalIgnoreCase) || engine.Equals("Aria", StringComparison.OrdinalIgnoreCase));

    /// <summary><c>COLLATE utf8mb4_bin</c>: collation names are plain words.</summary>
    public override string CollationSql(string collation) =>
        "COLLATE " + (System.Text.RegularExpressions.Regex.IsMatch(collation ?? "", "^[A-Za-z0-9_]+$") ? collation : QuoteIdentifier(collation!));

    /// <summary>MariaDB 10.3+ and MySQL 8.0.23+.</summary>
    public override string? InvisibleColumnSql => "INVISIBLE";

    /// <summary>MariaDB: <c>WITHOUT SYSTEM VERSIONING</c>.</summary>
    internal override string? UnversionedColumnSql => "WITHOUT SYSTEM VERSIONING";

    /// <summary>InnoDB's key limit with the DYNAMIC row format (MariaDB 10.2+ and MySQL 5.7+ default).</summary>
    public override int? MaxKeyBytes => 3072;

    /// <inheritdoc/>
    public override string IdentityStepRule => "the step is the server-wide auto_increment_increment";

    /// <summary>AUTO_INCREMENT counts from 1 upwards (<see cref="SetIdentityNextValueSql"/> sets no value below it).</summary>
    public override long? LowestIdentityNextValue => 1;

    /// <inheritdoc/>
    public override decimal HighestIdentityNextValue => ulong.MaxValue;

    /// <summary>The load runs with foreign_key_checks=0, under which ALTER TABLE ADD FOREIGN KEY checks no row.</summary>
    public override bool AddsForeignKeysUnchecked => true;

    /// <summary>
    /// InnoDB wants an index of the referenced table whose first columns are the referenced ones, in the key's order
    /// (errno 150 / error 1822 otherwise); it need not be unique.
    /// </summary>
    internal override string? ReferencedKeyProblem(Schema.TableModel parent, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(columns);
        var indexes = ReferencedKeys(parent).Concat((parent.Indexes ?? []).Where(i => i.Where is null).Select(i => (IReadOnlyList<string>)[.. i.Columns.TakeWhile(c => c.Name is not null && c.Expression is null && c.Length is null).Select(c => c.Name!)])).ToList();
        if (indexes.Any(k => k.Count >= columns.Count && k.Take(columns.Count).SequenceEqual(columns, StringComparer.OrdinalIgnoreCase))) return null;
        var what = $"{parent.QualifiedName}({string.Join(", ", columns)})";
        if (indexes.FirstOrDefault(k => k.Count == columns.Count && k.All(c => columns.Contains(c, StringComparer.OrdinalIgnoreCase))) is { } other)
            return $"the key of {parent.QualifiedName} on those columns is ({string.Join(", ", other)}), and {Engine.DisplayName()} references a key only in its own column order " +
                "(write the foreign key's columns in that order, or declare the key in the order the foreign key uses)";
        return $"{what} has no index that begins with those columns, and {Engine.DisplayName()} references only indexed columns (SQLite creates such a key but refuses " +
            "every write to the referencing table while foreign keys are on; declare a primary or unique key on them)";
    }

    /// <summary>MariaDB computes a STORED generated column before AUTO_INCREMENT gives the row its id (error 1901).</summary>
    internal override bool StoredGeneratedColumnsReadIdentity => false;

    /// <summary>InnoDB: "the size and sign of fixed precision types such as INTEGER must be the same" (error 1825 otherwise).</summary>
    public override bool ForeignKeysNeedSameIntegerType => true;

    /// <summary>MySQL's row size limit, which every VARCHAR counts in full (errors 1074 and 1118); TEXT counts a few bytes.</summary>
    public override int? MaxRowBytes => 65_535;

    /// <summary>InnoDB: 1,017 columns (error 1005, errno 185 "Too many columns").</summary>
    internal override int? MaxColumns => 1017;

    /// <summary>MySQL and MariaDB: 64 indexes a table (error 1069), the primary key and the indexes InnoDB makes for foreign keys among them.</summary>
    internal override int? MaxIndexes => 64;

    /// <summary>InnoDB makes an index for a foreign key whose columns no index begins with.</summary>
    internal override bool IndexesForeignKeys => true;

    /// <summary>
    /// InnoDB's record on a 16 KB page with the DYNAMIC row format (MariaDB 10.2+ and MySQL 5.7+ default): at most 8,126
    /// bytes, checked at CREATE TABLE under innodb_strict_mode (error 1118 "Row size too large (&gt; 8126)").
    /// </summary>
    internal override int? MaxInlineRowBytes => 8126;

    /// <summary>
    /// The record as InnoDB counts it at CREATE TABLE: 5 header bytes, one bit per nullable column, the transaction id
    /// and roll pointer (13 bytes), a 6-byte row id without a primary key, and each column's <see cref="InlineBytes"/>.
    /// </summary>
    internal override int InlineRowBytes(IReadOnlyList<Schema.ColumnModel> columns, bool primaryKey)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return 5 + (columns.Count(c => c.Nullable) + 7) / 8 + 13 + (primaryKey ? 0 : 6) + columns.Sum(c => InlineBytes(c.Type));
    }

    /// <summary>
    /// A column's bytes in an InnoDB DYNAMIC record at most: fixed-size types their size; a VARCHAR (and a utf8mb4 CHAR,
    /// stored with a length too) of up to 255 bytes whole, plus its length byte; longer ones, TEXT, BLOB and JSON may be
    /// stored off the page and count 21 (a 20-byte pointer and a length byte). Measured against MariaDB 10.11:
    /// 32 × VARCHAR(63) fit, 33 do not; 997 nullable BIGINT fit, 998 do not.
    /// </summary>
    internal override int InlineBytes(Schema.ColumnType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        static int Variable(long bytes) => bytes > 255 ? 21 : (int)bytes + 1;
        static int Digits(int digits) => digits / 9 * 4 + new[] { 0, 1, 1, 2, 2, 3, 3, 4, 4 }[digits % 9];
        return type.Kind switch
        {
            Schema.PortableType.Boolean => 1,
            Schema.PortableType.Int16 => 2,
            Schema.PortableType.Int32 or Schema.PortableType.Float32 => 4,
            Schema.PortableType.Int64 or Schema.PortableType.Float64 => 8,
            Schema.PortableType.Decimal => Digits((type.Precision ?? 10) - (type.Scale ?? 0)) + Digits(type.Scale ?? 0),
            Schema.PortableType.String => Variable((long)(type.Length ?? 255) * BytesPerCharacter),
            Schema.PortableType.Uuid => Variable(36L * BytesPerCharacter),
            Schema.PortableType.Date => 3,
            Schema.PortableType.Time => 3 + ((type.Precision ?? 6) + 1) / 2,
            Schema.PortableType.Timestamp => 5 + ((type.Precision ?? 6) + 1) / 2,
            Schema.PortableType.TimestampTz => 4 + ((type.Precision ?? 6) + 1) / 2,
            Schema.PortableType.Native => 8,
            _ => 21,
        };
    }

    /// <summary>
    /// InnoDB wants a foreign key's columns to be of the referenced columns' kind (error 1825): integers of any width
    /// (given the referenced width, <see cref="ForeignKeysNeedSameIntegerType"/>), text of any length, numbers of one
    /// kind, dates and times of one kind.
    /// </summary>
    internal override string? ForeignKeyTypeProblem(Schema.ColumnType column, Schema.ColumnType referenced)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(referenced);
        static string Family(Schema.ColumnType t) => t.Kind switch
        {
            Schema.PortableType.Int16 or Schema.PortableType.Int32 or Schema.PortableType.Int64 => "integer",
            Schema.PortableType.String or Schema.PortableType.Text or Schema.PortableType.Uuid => "text",
            var kind => kind.ToString(),
        };
        if (column.Kind == Schema.PortableType.Native || referenced.Kind == Schema.PortableType.Native || Family(column) == Family(referenced)) return null;
        return "InnoDB makes a foreign key only between columns of one kind (integers of one width, text, decimals, or one date or time type; error 1825)";
    }

    /// <summary>
    /// The portable <c>utc_timestamp()</c> as <c>UTC_TIMESTAMP(p)</c> with the column's fractional digits, which the
    /// reader takes back as it (<see cref="Schema.ColumnDefault"/>); every other default as <see cref="DefaultSql"/> writes it.
    /// </summary>
    internal override string? ColumnDefaultSql(Schema.ColumnModel column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.Type.Kind == Schema.PortableType.Timestamp && Schema.ColumnDefault.Normalize(column.Default, column.Type) == "utc_timestamp()"
            ? $"UTC_TIMESTAMP({(column.Type.Precision ?? 6).ToString(System.Globalization.CultureInfo.InvariantCulture)})"
            : base.ColumnDefaultSql(column);
    }

    /// <summary><c>ON UPDATE CURRENT_TIMESTAMP(p)</c> with the column's fractional digits (MySQL wants them to match).</summary>
    public override string? OnUpdateSql(Schema.ColumnModel column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return $"ON UPDATE CURRENT_TIMESTAMP({(column.Type.Precision ?? 6).ToString(System.Globalization.CultureInfo.InvariantCulture)})";
    }

    /// <inheritdoc/>
    public override bool UniqueIndexesAreConstraints => true;

    /// <summary>
    /// Prefix lengths, and the FULLTEXT and SPATIAL index kinds; MariaDB 10.11 has no functional key parts and no
    /// partial indexes.
    /// </summary>
    public override IndexSupport Indexes { get; } = new() { PrefixLengths = true, Ignored = true, Methods = ["fulltext", "spatial"] };

    /// <summary>
    /// <c>CREATE FULLTEXT INDEX</c> / <c>CREATE SPATIAL INDEX</c> for those kinds (MySQL names them before INDEX, not
    /// with USING, which takes only BTREE and HASH); otherwise the common form.
    /// </summary>
    public override string CreateIndexSql(string table, Schema.IndexModel index, string? schema = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        // MariaDB's IGNORED (10.6+) is an index option, after the key parts like COMMENT
        var comment = (index.Comment is { } text ? " COMMENT " + CommentLiteral(text) : "") + (index.Ignored ? " IGNORED" : "");
        if (index.Method is not { } method || Schema.IndexModel.IsDefaultMethod(method)) return base.CreateIndexSql(table, index, schema) + comment;
        if (Indexes.Unsupported(index, Engine) is { } reason) throw new NotSupportedException($"index {index.Name} on {table}: {reason}.");
        return $"CREATE {method.ToUpperInvariant()} INDEX {QuoteIdentifier(index.Name)} ON {QuoteName(schema, table)} ({string.Join(", ", index.Columns.Select(IndexPartSql))}){comment}";
    }

    /// <summary>MySQL restates the whole column with MODIFY COLUMN.</summary>
    public override IReadOnlyList<string> AlterColumnSql(string table, Schema.ColumnModel current, Schema.ColumnModel desired) =>
        current with { Name = desired.Name } == desired ? [] : [$"ALTER TABLE {QuoteIdentifier(table)} MODIFY COLUMN {Schema.SchemaScript.Column(desired, this)}"];

    /// <inheritdoc/>
    public override string DropIndexSql(string table, string index) => $"DROP INDEX {QuoteIdentifier(index)} ON {QuoteIdentifier(table)}";

    /// <inheritdoc/>
    public override string DropForeignKeySql(string table, string name) => $"ALTER TABLE {QuoteIdentifier(table)} DROP FOREIGN KEY {QuoteIdentifier(name)}";

    /// <inheritdoc/>
    public override string DropUniqueSql(string table, string name) => $"ALTER TABLE {QuoteIdentifier(table)} DROP INDEX {QuoteIdentifier(name)}";

    /// <inheritdoc/>
    /// <remarks>
    /// A string literal's backslashes are escaped: MariaDB reads <c>'C:\new'</c> as <c>C:</c>, a line feed and <c>ew</c>
    /// (break test 29 M17), where the model's standard SQL means the characters as written.
    /// </remarks>
    public override string DefaultSql(string portable) => portable.Trim().ToLowerInvariant() switch
    {
        "now()" => "CURRENT_TIMESTAMP(6)",
        "utc_timestamp()" => "UTC_TIMESTAMP(6)",
        "uuid()" => "(UUID())",
        _ when portable.Trim() is { Length: >= 2 } s && s[0] == '\'' && s[^1] == '\'' && !Schema.ColumnDefault.IsExpression(s) =>
            s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\0", "\\0", StringComparison.Ordinal),
        _ => Schema.ColumnDefault.IsExpression(portable) ? "(" + portable + ")" : portable,
    };

    /// <inheritdoc/>
    public override string CurrentSchemaSql => "SELECT DATABASE()";

    /// <inheritdoc/>
    public override string TableExistsSql =>
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = :name";

    /// <inheritdoc/>
    public override string TableSchemasSql =>
        "SELECT NULL FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = :name AND table_type = 'BASE TABLE'";

    /// <inheritdoc/>
    public override IReadOnlyList<string> BeginSnapshotSql =>
        ["SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY"];

    /// <summary>
    /// UTC session time zone: TIMESTAMP values are read and written as instants. And the server settings that would
    /// change what NexuSQL writes, pinned for its own session as mariadb-dump pins its own (bt35 H4–H6):
    /// <c>explicit_defaults_for_timestamp</c> on (off — MariaDB before 10.10, MySQL 5.7 — gives the first
    /// <c>TIMESTAMP NOT NULL</c> column of a created table <c>DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP</c>,
    /// so the application's next UPDATE overwrote the copied value); <c>NO_BACKSLASH_ESCAPES</c> taken out of the
    /// session's sql_mode (NexuSQL's literals escape backslashes: defaults, ENUM labels and comments arrived with them
    /// doubled) and the other modes that change what NexuSQL's statements mean (<see cref="OwnSqlMode"/>);
    /// <c>default_storage_engine</c> InnoDB (MyISAM drops foreign keys without a word; a table that had
    /// another engine names it itself); MariaDB's <c>max_statement_time</c> off (a long table read was cancelled, 1969).
    /// </summary>
    public override IReadOnlyList<string> DataSessionSql =>
    [
        "SET time_zone = '+00:00'",
        $"SET @nexusql_data_sql_mode = @@SESSION.sql_mode, SESSION sql_mode = {OwnSqlMode}",
        // MariaDB's max_statement_time (MySQL ignores the executable comment) off, as mariadb-dump sets it (bt35 M6)
        "SET SESSION explicit_defaults_for_timestamp = ON, SESSION default_storage_engine = InnoDB /*M!100108 , SESSION max_statement_time = 0 */",
    ];

    /// <summary>
    /// The session's sql_mode without the modes that change what NexuSQL's own statements mean (bt35 M5): its catalog
    /// queries, DDL and literals are written for MariaDB's and MySQL's default syntax. Taken out:
    /// <c>NO_BACKSLASH_ESCAPES</c> (literals escape backslashes), <c>ANSI_QUOTES</c>, <c>PIPES_AS_CONCAT</c>,
    /// <c>IGNORE_SPACE</c>, <c>HIGH_NOT_PRECEDENCE</c> (expressions read otherwise), <c>REAL_AS_FLOAT</c>,
    /// <c>EMPTY_STRING_IS_NULL</c> ('' written as NULL), <c>SIMULTANEOUS_ASSIGNMENT</c>, the <c>NO_*_OPTIONS</c> modes
    /// (SHOW CREATE TABLE without column and table options), and the compatibility modes <c>ANSI</c>, <c>ORACLE</c> (DATE read as
    /// DATETIME, another parser), <c>MSSQL</c>, <c>DB2</c>, <c>POSTGRESQL</c>, <c>MAXDB</c> (TIMESTAMP as DATETIME). The
    /// strictness modes (STRICT_*, NO_ZERO_DATE, ...) stay as the server has them: they only make the server refuse more.
    /// </summary>
    private static readonly string OwnSqlMode = "TRIM(BOTH ',' FROM " + new[]
    {
        "NO_BACKSLASH_ESCAPES", "ANSI_QUOTES", "PIPES_AS_CONCAT", "IGNORE_SPACE", "HIGH_NOT_PRECEDENCE", "REAL_AS_FLOAT", "EMPTY_STRING_IS_NULL",
        "SIMULTANEOUS_ASSIGNMENT", "NO_FIELD_OPTIONS", "NO_KEY_OPTIONS", "NO_TABLE_OPTIONS", "ANSI", "ORACLE", "MSSQL", "DB2", "POSTGRESQL", "MAXDB",
    }.Aggregate("CONCAT(',', @@SESSION.sql_mode, ',')", (sql, mode) => $"REPLACE({sql}, ',{mode},', ',')") + ")";

    /// <summary>
    /// The session's sql_mode as for data (<see cref="OwnSqlMode"/>: a database in sql_mode ORACLE made the catalog
    /// query fail with a raw syntax error 1064, bt35 M5) and MariaDB's <c>max_statement_time</c> off, as mariadb-dump
    /// sets them. Views, routines and triggers are read as stored, with the sql_mode each was created under.
    /// </summary>
    public override IReadOnlyList<string> CatalogSessionSql =>
    [
        $"SET @nexusql_catalog_sql_mode = @@SESSION.sql_mode, SESSION sql_mode = {OwnSqlMode}",
        "/*M!100108 SET SESSION max_statement_time = 0 */",
    ];

    /// <inheritdoc/>
    public override IReadOnlyList<string> CatalogSessionEndSql =>
    [
        "SET SESSION sql_mode = COALESCE(@nexusql_catalog_sql_mode, @@SESSION.sql_mode)",
        "/*M!100108 SET SESSION max_statement_time = DEFAULT */",
    ];

    /// <inheritdoc/>
    public override IReadOnlyList<string> DataSessionEndSql =>
    [
        "SET time_zone = DEFAULT",
        "SET SESSION sql_mode = COALESCE(@nexusql_data_sql_mode, @@SESSION.sql_mode)",
        "SET SESSION explicit_defaults_for_timestamp = DEFAULT, SESSION default_storage_engine = DEFAULT /*M!100108 , SESSION max_statement_time = DEFAULT */",
    ];

    /// <summary>
    /// Foreign key checks off (tables load in any order; the keys are checked afterwards). Unique checks stay on: with
    /// both off, MariaDB 10.6+ switches an empty table to its bulk-insert path, which cost 1.6× the server CPU of a
    /// plain LOAD DATA here (1M rows, 128 MB buffer pool) — and unique checks on also catch duplicates during the load.
    /// </summary>
    public override IReadOnlyList<string> BulkLoadBeginSql => ["SET FOREIGN_KEY_CHECKS = 0"];

    /// <inheritdoc/>
    public override IReadOnlyList<string> BulkLoadEndSql => ["SET FOREIGN_KEY_CHECKS = 1"];

    /// <summary>MariaDB's switch, in its version comment as mariadb-dump writes it (MySQL has none: it skips the comment).</summary>
    public override IReadOnlyList<string> ChecksOffSql => ["/*M!100201 SET check_constraint_checks = 0 */"];

    /// <inheritdoc/>
    public override IReadOnlyList<string> ChecksOnSql => ["/*M!100201 SET check_constraint_checks = 1 */"];

    /// <summary>InnoDB builds secondary indexes online: reads go on meanwhile.</summary>
    public override bool ReadsWhileBuildingIndexes => true;

    /// <summary>Decimals as text (DECIMAL(65,30) holds more digits than System.Decimal), FLOAT as DOUBLE (exact).</summary>
    public override string SelectExactSql(Schema.ColumnModel column) => column?.Type.Kind switch
    {
        Schema.PortableType.Decimal => $"CAST({QuoteIdentifier(column.Name)} AS CHAR) AS {QuoteIdentifier(column.Name)}",
        // the text protocol prints FLOAT with 6 significant digits (1.2345678 arrives as 1.23457): as DOUBLE it is exact
        // DOUBLE(M,D) is printed with its D decimals (the stored -0.010000000000000009 as -0.01, another double:
        // break test 30 F3); as plain DOUBLE with the digits that give back the stored one
        Schema.PortableType.Float32 or Schema.PortableType.Float64 => $"CAST({QuoteIdentifier(column.Name)} AS DOUBLE) AS {QuoteIdentifier(column.Name)}",
        _ => base.SelectExactSql(column!),
    };

    /// <summary>
    /// A <c>DOUBLE(M,D)</c> value as backup formats up to 19 read it: the text the server printed, D decimals of the
    /// stored double (break test 30 F3), parsed again.
    /// </summary>
    public override object? AsBackupFormatRead(Schema.ColumnModel column, object? value, int formatVersion)
    {
        ArgumentNullException.ThrowIfNull(column);
        return formatVersion < 20 && value is double x && double.IsFinite(x) && column.Type.Kind == Schema.PortableType.Float64
               && column.EngineType?.For(NexuSqlEngine.MySql) is { } declared && DeclaredScale().Match(declared) is { Success: true } m
            ? double.Parse(x.ToString("F" + m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture)
            : value;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(?:double(?:\s+precision)?|real|float)\s*\(\s*\d+\s*,\s*(\d+)\s*\)", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex DeclaredScale();

    /// <summary>
    /// DATETIME and TIMESTAMP as their text (the session's zone is UTC while data moves): the drivers return a zero
    /// date ('0000-00-00 10:00:00.000001') as an all-zero value without its time or fraction.
    /// </summary>
    /// <remarks>
    /// Text of a column whose character set leaves bytes undefined (ascii, greek, cp1251, ...) or holds code points
    /// that are not characters (ucs2, utf32: a lone surrogate): the server sends '?' for such a byte and a surrogate's
    /// CESU bytes, which the driver reads as U+FFFD — read through the same conversion, source and copy hashed alike
    /// (break test 27 K9, K10). Such a value is read as <see cref="SqlDialect.UnfaithfulTextMarker"/> and its bytes in hex, which
    /// the provider refuses by key. Only columns that name their collation are checked (a database or table whose
    /// default is such a character set is not).
    /// </remarks>
    public override string SelectDataSql(Schema.ColumnModel column) => column?.Type.Kind is Schema.PortableType.Timestamp or Schema.PortableType.TimestampTz
        ? $"CAST({QuoteIdentifier(column.Name)} AS CHAR) AS {QuoteIdentifier(column.Name)}"
        : ReadsByNumber(column!.Type) ? $"({QuoteIdentifier(column.Name)} + 0) AS {QuoteIdentifier(column.Name)}"
        : column.Type.Kind is Schema.PortableType.String or Schema.PortableType.Text && column.Collation is { } collation && !CharacterSetReadsFaithfully(collation)
            ? $"CASE WHEN {UnfaithfulSql(QuoteIdentifier(column.Name))} THEN CONCAT('{UnfaithfulTextMarker}', HEX({QuoteIdentifier(column.Name)})) ELSE {QuoteIdentifier(column.Name)} END AS {QuoteIdentifier(column.Name)}"
            : SelectExactSql(column!);

    // utf8mb4 and utf8mb3 are sent as they are; latin1 (cp1252) gives every byte a character; binary is not text
    private static bool CharacterSetReadsFaithfully(string collation) =>
        collation.Split('_')[0].ToLowerInvariant() is "utf8mb4" or "utf8mb3" or "utf8" or "latin1" or "binary";

    // a '?' the conversion to utf8mb4 made (an undefined byte), or a surrogate's bytes (ED A0-BF) in what it gives
    private static string UnfaithfulSql(string c) =>
        $"{c} IS NOT NULL AND (CHAR_LENGTH(CONVERT({c} USING utf8mb4)) - CHAR_LENGTH(REPLACE(CONVERT({c} USING utf8mb4), '?', '')) <> CHAR_LENGTH({c}) - CHAR_LENGTH(REPLACE({c}, '?', '')) " +
        $"OR HEX(CONVERT({c} USING utf8mb4)) REGEXP '^(..)*ED[AB]')";

    /// <summary>
    /// An ENUM with the label '' or a SET with the member '': its text is ambiguous (the ENUM error value, index 0, and
    /// the label '' both read as ''; a SET's '' member never shows), so it is read by its index or bits
    /// (<see cref="SelectDataSql"/>) and turned into a value by <see cref="FromNumber"/>.
    /// </summary>
    internal static bool ReadsByNumber(Schema.ColumnType? type) =>
        type?.Kind == Schema.PortableType.Native && (EnumLabels(type.Native) ?? SetLabels(type.Native)) is { } labels && labels.Contains("");

    /// <summary>
    /// The value of an ENUM or SET column read by its number (<see cref="ReadsByNumber"/>): an ENUM's label, or its
    /// error value as the number 0 (which a load stores as index 0); a SET's labels in the column's order joined by
    /// commas, the '' member alone as <c>,</c> (the text the server reads as that member).
    /// </summary>
    internal static object FromNumber(Schema.ColumnType type, object value)
    {
        ArgumentNullException.ThrowIfNull(type);
        var n = Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        if (EnumLabels(type.Native) is { } labels)
            return n == 0 ? 0L : n <= (ulong)labels.Count ? labels[(int)n - 1]
                : throw new FormatException($"{n} is not an index of {type.Native}");
        var members = SetLabels(type.Native)!;
        var text = string.Join(",", members.Where((_, i) => (n & (1UL << i)) != 0));
        return text.Length == 0 && (n & (1UL << members.IndexOf(""))) != 0 ? "," : text;
    }

    /// <summary>
    /// <c>ENUM('a','b')</c> in COLUMN_TYPE's spelling (<see cref="EnumLabels"/> reads it back), compared by code point
    /// (<see cref="BytewiseCollation"/>) as PostgreSQL compares enum labels: under the default collation 'paid' and
    /// 'Paid' would be one label (error 1291), and a check comparing the column would take either.
    /// </summary>
    internal override string? EnumColumnTypeSql(IReadOnlyList<string> labels) =>
        "enum(" + string.Join(",", labels.Select(l => "'" + l.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'")) + ") COLLATE " + BytewiseCollation;

    /// <summary>MariaDB drops an ENUM label's trailing spaces, and '' is its ENUM error value (index 0), which loads refuse.</summary>
    internal override string? EnumLabelsProblem(IReadOnlyList<string> labels) =>
        labels.Any(l => l.Length == 0) ? "the label '' is MariaDB's ENUM error value"
        : labels.FirstOrDefault(l => l.EndsWith(' ')) is { } spaced ? $"the label '{spaced}' ends in a space, which MariaDB drops from ENUM labels"
        : null;

    /// <summary>The members of a SET type, or null when the type is not one.</summary>
    internal static List<string>? SetLabels(string? native) => Labels(native, "set(");

    /// <inheritdoc/>
    public override int MaxParameters => 65535;

    /// <inheritdoc/>
    public override long TimeResolutionTicks => 10;

    /// <inheritdoc/>
    public override bool StoresModAndBangOperators => true;

    /// <summary>A timestamp with time zone is a TIMESTAMP, MySQL's only type that keeps an instant, which holds 1970 to 2038 only.</summary>
    public override string? NarrowerColumnType(Schema.ColumnType type) => type.Kind == Schema.PortableType.TimestampTz
        ? "a timestamp with time zone is created as TIMESTAMP, MySQL's only type that keeps an instant, which holds 1970-01-01 00:00:01 to " +
          "2038-01-19 03:14:07 UTC only: a later or earlier value (an expiry date after 2038) is refused there"
        : null;

    private static readonly DateTime TimestampMin = new(1970, 1, 1, 0, 0, 1, DateTimeKind.Utc);
    private static readonly DateTime TimestampMax = new(2038, 1, 19, 3, 14, 7, DateTimeKind.Utc);

    /// <summary>
    /// A boolean column is MariaDB's <c>TINYINT(1)</c>: any integer from -128 to 127 that a source holds in it (MariaDB's own
    /// <c>TINYINT(1)</c> holding 2) is stored as it is. Other engines' booleans still refuse it by key.
    /// </summary>
    /// <remarks>An AUTO_INCREMENT <c>BIGINT UNSIGNED</c> is a 64-bit integer in the model: a value above the signed range
    /// (read as <see cref="ulong"/>) goes back into MySQL's own unsigned column as it is.</remarks>
    public override bool AcceptsOffTypeValue(object value, Schema.ColumnType type) => type.Kind switch
    {
        Schema.PortableType.Boolean => value is sbyte or byte or short or int or long
            && Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) is >= sbyte.MinValue and <= sbyte.MaxValue,
        Schema.PortableType.Int64 => value is ulong,
        _ => false,
    };

    /// <summary>How deep a JSON value MariaDB's JSON type holds (<c>JSON_VALID</c> of a document nested 32 levels is 0).</summary>
    private const int MaxJsonDepth = 31;

    /// <summary>A boolean column is TINYINT(1), which holds -128 to 127 (<see cref="AcceptsOffTypeValue"/>).</summary>
    public override (long Min, long Max)? BooleanIntegerRange => (sbyte.MinValue, sbyte.MaxValue);

    private string? TinyIntProblem(object? value, Schema.ColumnType type) =>
        type.Kind == Schema.PortableType.Boolean && value is short or int or long
        && BooleanIntegerRange is var (min, max) && Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) is var n && (n < min || n > max)
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{n} is outside MySQL's TINYINT range ({min} to {max}), which its boolean TINYINT(1) column holds")
            : null;

    /// <summary>Adds MySQL's ranges: TIMESTAMP 1970-01-01 00:00:01 to 2038-01-19 03:14:07 UTC, DATETIME and DATE years 1000 to 9999; no NaN,
    /// infinities or -0 in FLOAT and DOUBLE.</summary>
    public override string? ValueProblem(object? value, Schema.ColumnType type) => TinyIntProblem(value, type) ?? base.ValueProblem(value, type) ?? (type.Kind, value) switch
    {
        (Schema.PortableType.TimestampTz, DateTimeOffset dto) when dto.UtcDateTime < TimestampMin || dto.UtcDateTime >= TimestampMax.AddSeconds(1) =>
            // the only MySQL type that keeps an instant: a timestamp with time zone is made one (bt39 L3: "give the column a
            // type that holds it" read as if the source's timestamptz did not hold it); DATETIME keeps a wall-clock time
            $"{Data.PortableValues.SqlText(dto)} is outside MySQL's TIMESTAMP range (1970-01-01 00:00:01 to 2038-01-19 03:14:07 UTC), " +
            "the MySQL type a timestamp with time zone becomes (the only one that keeps an instant; DATETIME keeps a wall-clock time, " +
            "which a timestamp without time zone holding UTC at the source would become)",
        (Schema.PortableType.Timestamp, DateTime dt) when dt.Year < 1000 => $"{Data.PortableValues.SqlText(dt)} is before year 1000, outside MySQL's DATETIME range",
        (Schema.PortableType.Date, DateOnly d) when d.Year < 1000 => $"{Data.PortableValues.SqlText(d)} is before year 1000, outside MySQL's DATE range",
        (Schema.PortableType.Json, string json) when Data.JsonText.HasLoneSurrogate(json) =>
            "the JSON holds an escape of a lone UTF-16 surrogate (such as \\ud800), which MySQL's and MariaDB's JSON refuse",
        // MariaDB's JSON is LONGTEXT CHECK (json_valid(...)): text that is not JSON fails the load
        (Schema.PortableType.Json, string json) when Data.JsonText.SyntaxProblem(json) is { } syntax => syntax,
        // MariaDB's JSON_VALID is 0 beyond 31 levels: the load failed on the column's own check, naming neither column nor key (break test 27 K4)
        (Schema.PortableType.Json, string json) when Data.JsonText.MaxDepthOf(json) is > MaxJsonDepth and var depth =>
            $"the JSON nests {depth} levels deep; MariaDB's JSON holds at most {MaxJsonDepth} (MySQL's 100)",
        (_, double d) when !double.IsFinite(d) => $"{d.ToString(System.Globalization.CultureInfo.InvariantCulture)} has no equivalent in MySQL's DOUBLE (no NaN or infinities)",
        (_, float f) when !float.IsFinite(f) => $"{f.ToString(System.Globalization.CultureInfo.InvariantCulture)} has no equivalent in MySQL's FLOAT (no NaN or infinities)",
        (_, double d) when d == 0 && double.IsNegative(d) => "-0 has no equivalent in MySQL's DOUBLE (it stores 0)",
        (_, float f) when f == 0 && float.IsNegative(f) => "-0 has no equivalent in MySQL's FLOAT (it stores 0)",
        (Schema.PortableType.Native, string s) when EnumLabels(type.Native) is { } labels && !labels.Contains(s, StringComparer.Ordinal) =>
            // '' is the ENUM error value (index 0): a bulk load carries it as itself (MySqlProvider.BulkLoadAsync); where
            // '' is a label too, the error value is read as the number 0 (ReadsByNumber)
            s.Length == 0 ? null
                : labels.FirstOrDefault(l => string.Equals(l.TrimEnd(' '), s.TrimEnd(' '), StringComparison.OrdinalIgnoreCase)) is { } near
                    ? $"'{s}' is not one of {type.Native}: MySQL/MariaDB would store the label '{near}' (labels match without regard to case or trailing blanks); write the label as it is"
                    : $"'{s}' is not one of {type.Native}",
        (Schema.PortableType.Native, _) when NativeValueProblem(value, type.Native!) is { } problem => problem,
        _ => null,
    };

    /// <summary>An ENUM column's values are checked even between MySQL databases: the source may hold the error value '', which a load refuses.</summary>
    public override bool ChecksEveryValue(Schema.ColumnType type) => EnumLabels(type?.Native) is not null;

    /// <summary>utf8mb4_unicode_ci, general_ci, uca1400_ai_ci: case- and accent-insensitive, PAD SPACE.</summary>
    public override bool TextKeysFollowCollation => true;

    /// <summary>
    /// The labels of <c>enum('a','b')</c> as the server's COLUMN_TYPE spells them (a quote doubled, a backslash
    /// escaped: <c>'back\\slash'</c> is the label back\slash), or null when the type is not an ENUM.
    /// </summary>
    internal static List<string>? EnumLabels(string? native) => Labels(native, "enum(");

    /// <summary>
    /// The check another engine needs to keep the values a MariaDB/MySQL column type keeps, for a column declared
    /// <paramref name="declared"/> (its COLUMN_TYPE) and written <paramref name="column"/> (quoted for that engine), or
    /// null when its portable type keeps the same range: an UNSIGNED (or ZEROFILL) number none below 0 and, for the
    /// integers, none above the type's maximum (<c>tinyint unsigned</c> 255 in a smallint, <c>int unsigned</c> 4294967295 in
    /// a bigint); a signed TINYINT or MEDIUMINT its own bounds; YEAR 0 or 1901 to 2155 (the MariaDB manual's numeric
    /// and YEAR data type ranges; bt37 M8: copied to PostgreSQL, -1 went in where MariaDB refuses it).
    /// </summary>
    internal static string? RangeCheck(string declared, string column)
    {
        var type = declared.Trim().ToLowerInvariant();
        if (type.StartsWith("year", StringComparison.Ordinal)) return $"{column} = 0 OR {column} BETWEEN 1901 AND 2155";
        var unsigned = type.Contains("unsigned", StringComparison.Ordinal) || type.Contains("zerofill", StringComparison.Ordinal);
        var name = type.Split('(', ' ')[0];
        var (low, high) = (name, unsigned) switch
        {
            ("tinyint", false) => ("-128", "127"),
            ("tinyint", true) => ("0", "255"),
            ("smallint", true) => ("0", "65535"),
            ("mediumint", false) => ("-8388608", "8388607"),
            ("mediumint", true) => ("0", "16777215"),
            ("int" or "integer", true) => ("0", "4294967295"),
            ("bigint", true) => ("0", "18446744073709551615"),
            ("decimal" or "numeric" or "float" or "double" or "real", true) => ("0", null),
            _ => (null, null),
        };
        return low is null ? null : high is null ? $"{column} >= {low}" : $"{column} BETWEEN {low} AND {high}";
    }

    /// <summary>The labels of an ENUM or SET type (<paramref name="prefix"/> <c>enum(</c> or <c>set(</c>), or null when the type is not one.</summary>
    private static List<string>? Labels(string? native, string prefix)
    {
        if (native is null || !native.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || !native.EndsWith(')')) return null;
        var labels = new List<string>();
        var i = prefix.Length;
        while (i < native.Length - 1)
        {
            if (native[i] != '\'') { i++; continue; }
            var label = new System.Text.StringBuilder();
            for (i++; i < native.Length; i++)
            {
                if (native[i] == '\'' && i + 1 < native.Length && native[i + 1] == '\'') { label.Append('\''); i++; }
                else if (native[i] == '\\' && i + 1 < native.Length && native[i + 1] is '\\' or '\'') { label.Append(native[i + 1]); i++; }
                else if (native[i] == '\'') { i++; break; }
                else label.Append(native[i]);
            }
            labels.Add(label.ToString());
        }
        return labels;
    }

    /// <inheritdoc/>
    protected override string NoCycleSql => "NOCYCLE";

    /// <summary>
    /// <c>ALTER TABLE sq COMMENT = '...'</c>: a sequence's comment is a table option (<c>CREATE SEQUENCE ... COMMENT 'x'</c>);
    /// an empty one removes it. (The ALTER persists the values the server had cached, as a restart does.)
    /// </summary>
    public override string? SequenceCommentSql(Schema.SequenceModel sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        return $"ALTER TABLE {QuoteIdentifier(sequence.Name)} COMMENT = {CommentLiteral(sequence.Comment ?? "")}";
    }

    /// <summary>
    /// TIME is a duration: MariaDB's range, -838:59:59.999999 to 838:59:59.999999. MySQL's ends at 838:59:59.000000: the
    /// provider refuses the fraction beyond it where the server is MySQL (its bulk-load and statement value checks).
    /// </summary>
    protected override (TimeSpan Min, TimeSpan Max) TimeRange => (-MaxTime, MaxTime);

    private static readonly TimeSpan MaxTime = new TimeSpan(838, 59, 59) + TimeSpan.FromTicks(9_999_990);

    /// <summary>
    /// DATE and DATETIME keep zero dates (0000-00-00, 2020-05-00) when the sql_mode allows them, and invalid dates
    /// (2020-02-30: the provider loads DATE and DATETIME columns under ALLOW_INVALID_DATES); TIMESTAMP keeps
    /// 0000-00-00 00:00:00 but no invalid date.
    /// </summary>
    public override bool AcceptsSpecialTemporal(Data.SpecialTemporal value, Schema.ColumnType type)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(type);
        return value.IsZeroDate || (value.IsInvalidDate && type.Kind is Schema.PortableType.Date or Schema.PortableType.Timestamp);
    }

    /// <summary>MariaDB's WITH SYSTEM VERSIONING: the rows <c>FOR SYSTEM_TIME ALL</c> holds beyond the current ones.</summary>
    internal override string? HistoryRowCountSql(Schema.TableModel table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var q = QuoteIdentifier(table.Name);
        return table.SystemVersioned ? $"SELECT (SELECT COUNT(*) FROM {q} FOR SYSTEM_TIME ALL) - (SELECT COUNT(*) FROM {q})" : null;
    }

    /// <summary>The table's AUTO_INCREMENT counter (information_schema.tables).</summary>
    public override string? IdentityNextValueSql(string table, string column, string? schema = null) =>
        $"SELECT AUTO_INCREMENT FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = '{table.Replace("'", "''", StringComparison.Ordinal)}'";

    /// <inheritdoc/>
    /// <remarks>
    /// The counter counts upwards from 1: a next value below 1 (a descending or negative identity of another engine,
    /// whose options the copy names as left out) is not set — the table goes on from its largest id, as AUTO_INCREMENT
    /// does (<c>AUTO_INCREMENT = -9</c> was a syntax error after the rows were loaded: session 21 break test F1).
    /// </remarks>
    public override IReadOnlyList<string>? SetIdentityNextValueSql(string table, string column, decimal next, string? schema = null) => next < LowestIdentityNextValue ? [] :
        [$"ALTER TABLE {QuoteIdentifier(table)} AUTO_INCREMENT = {next.ToString(System.Globalization.CultureInfo.InvariantCulture)}"];

    /// <summary>Error 1412: a table was altered or created after the consistent snapshot began.</summary>
    public override bool IsSchemaChangedUnderSnapshot(NexuSqlException exception) => exception?.EngineCode == "1412";

    /// <inheritdoc/>
    public override string? SequenceNextValueSql(string sequence, string? schema = null) => $"SELECT next_not_cached_value FROM {QuoteName(schema, sequence)}";

    /// <summary>
    /// The sequence of this database a MariaDB column default draws from: <c>nextval(`s1`)</c> (as the schema reader
    /// writes <c>nextval(`db`.`s1`)</c> of the database read); a sequence of another database is not one of the model's.
    /// </summary>
    internal override string? SequenceOfDefault(string? defaultValue) =>
        defaultValue is not null && NextvalDefault().Match(defaultValue.Trim()) is { Success: true } m ? m.Groups["sequence"].Value.Replace("``", "`", StringComparison.Ordinal) : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"^nextval\(\s*`(?<sequence>(?:[^`]|``)+)`\s*\)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex NextvalDefault();

    /// <summary>
    /// 1000, MariaDB's default <c>CACHE</c> (a sequence read without a cache of its own has it): <see cref="SequenceNextValueSql"/>
    /// reads <c>next_not_cached_value</c>, the first value after the server's cache.
    /// </summary>
    internal override long? SequenceCachePastPosition(Schema.SequenceModel sequence) => sequence?.Cache ?? 1000;

    /// <inheritdoc/>
    public override string? SetSequenceNextValueSql(string sequence, long next, string? schema = null) => $"SELECT SETVAL({QuoteName(schema, sequence)}, {next}, 0)";

    /// <inheritdoc/>
    public override IReadOnlyList<string> EmptyTablesSql(IReadOnlyList<string> tables) => [.. tables.Select(t => $"TRUNCATE TABLE {QuoteIdentifier(t)}")];

    /// <summary>InnoDB's sizes (pages allocated, refreshed by ANALYZE TABLE) and index counts from information_schema.</summary>
    public override string TableStatsSql =>
        "SELECT t.table_name AS table_name, t.data_length AS data_bytes, t.index_length AS index_bytes, " +
        "(SELECT COUNT(DISTINCT s.index_name) FROM information_schema.statistics s WHERE s.table_schema = t.table_schema AND s.table_name = t.table_name) AS index_count " +
        "FROM information_schema.tables t WHERE t.table_schema = DATABASE() AND t.table_type IN ('BASE TABLE', 'SYSTEM VERSIONED')";

    /// <inheritdoc/>
    public override string? DatabaseSizeSql =>
        "SELECT COALESCE(SUM(data_length + index_length), 0) FROM information_schema.tables WHERE table_schema = DATABASE()";

    /// <inheritdoc/>
    public override RoutineSupport Routines { get; } = new() { Functions = true, Procedures = true, Triggers = true };

    /// <summary>The routine's CREATE statement, under the sql_mode it was created in (<see cref="Schema.RoutineModel.SqlMode"/>).</summary>
    public override IReadOnlyList<string> CreateRoutineSql(Schema.RoutineModel routine) => UnderSqlMode(routine?.SqlMode, base.CreateRoutineSql(routine!));

    /// <summary>The trigger's CREATE statement, under the sql_mode it was created in (<see cref="Schema.TriggerModel.SqlMode"/>).</summary>
    public override IReadOnlyList<string> CreateTriggerSql(Schema.TriggerModel trigger) => UnderSqlMode(trigger?.SqlMode, base.CreateTriggerSql(trigger!));

    /// <inheritdoc/>
    internal override bool IsPermissionDenied(NexuSqlException error) => error?.EngineCode is "1044" or "1142" or "1227" or "1370" or "1143";

    /// <inheritdoc/>
    internal override string? AfterFailedCreateSql => "SET SESSION sql_mode = COALESCE(@nexusql_sql_mode, @@SESSION.sql_mode)";

    /// <summary>
    /// <paramref name="statements"/> run under <paramref name="sqlMode"/>, the session's own mode kept in a user variable
    /// and given back after them, as mariadb-dump writes <c>SET sql_mode</c> around each trigger and routine: the mode
    /// decides how the body reads (ANSI_QUOTES) and what it computes (PIPES_AS_CONCAT), and the object keeps the mode
    /// it is created under (break test 25 F27). Unchanged when no mode is known (a backup written before it was kept).
    /// </summary>
    private static IReadOnlyList<string> UnderSqlMode(string? sqlMode, IReadOnlyList<string> statements) => sqlMode is null ? statements :
    [
        "SET @nexusql_sql_mode = @@SESSION.sql_mode",
        $"SET SESSION sql_mode = '{sqlMode.Replace("'", "''", StringComparison.Ordinal)}'",
        .. statements,
        "SET SESSION sql_mode = @nexusql_sql_mode",
    ];

    /// <inheritdoc/>
    public override string? UseSchemaSql(string schema, bool untilTransactionEnds) => untilTransactionEnds ? null : "USE " + QuoteIdentifier(schema);

    /// <inheritdoc/>
    public override string? SchemaSettingSql => "SELECT DATABASE()";

    /// <inheritdoc/>
    public override string? UnitSettingSql(string name) => $"SET {UserVariable(name)} = :value";

    /// <inheritdoc/>
    public override string? UnitSettingResetSql(string name) => $"SET {UserVariable(name)} = NULL";

    /// <summary>A user variable's name: letters, digits, '.', '_' and '$' (MySQL's rule for unquoted ones).</summary>
    private static string UserVariable(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '$')
            ? "@" + name
            : throw new ArgumentException($"'{name}' cannot be a MySQL user variable (letters, digits, '.', '_' and '$' only).", nameof(name));

    /// <inheritdoc/>
    public override string RestoreSchemaSql(string setting) => "USE " + QuoteIdentifier(setting);
}
