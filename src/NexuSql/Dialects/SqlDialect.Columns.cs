using NexuSql.Schema;

namespace NexuSql.Dialects;

public abstract partial class SqlDialect
{
    /// <summary>The column definition's identity clause with its options (only PostgreSQL spells them; others write <see cref="IdentitySql"/>).</summary>
    public virtual string IdentityColumnSql(IdentityOptions? options) => IdentitySql;

    /// <summary>
    /// The identity clause after the type of <paramref name="column"/>, or null when its declared type already makes it
    /// an identity (PostgreSQL <c>serial</c>: an owned sequence and a nextval default, no identity clause).
    /// </summary>
    public virtual string? IdentityClauseSql(ColumnModel column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return IdentityColumnSql(column.IdentityOptions);
    }

    /// <summary>
    /// The engine keeps an identity's kind (ALWAYS / BY DEFAULT), first value and step in the column (PostgreSQL).
    /// Elsewhere <see cref="ColumnModel.IdentityOptions"/> is not held: MySQL's step is the server-wide
    /// auto_increment_increment, SQLite's rowid always counts by one.
    /// </summary>
    public virtual bool KeepsIdentityOptions => false;

    /// <summary>Where <see cref="KeepsIdentityOptions"/> is false, how the engine steps new ids, for messages.</summary>
    public virtual string IdentityStepRule => "new ids count up by one";

    /// <summary>
    /// The lowest next value the engine's identity counter can be set to (MySQL/MariaDB's AUTO_INCREMENT: 1); null where
    /// any value can. A source's next value below it is not set: the table goes on from its largest id.
    /// </summary>
    public virtual long? LowestIdentityNextValue => null;

    /// <summary>
    /// The highest next value the engine's identity counter can hold: 9223372036854775807 (a signed 64-bit counter:
    /// PostgreSQL identity and serial sequences, SQLite's sqlite_sequence); MySQL/MariaDB's AUTO_INCREMENT on a BIGINT
    /// UNSIGNED column goes up to 18446744073709551615. A source's next value above it is refused before anything is written.
    /// </summary>
    public virtual decimal HighestIdentityNextValue => long.MaxValue;

    /// <summary>
    /// The part of <paramref name="options"/> the engine holds in a column: kind, start and step where
    /// <see cref="KeepsIdentityOptions"/>; <see cref="IdentityOptions.ReusesValues"/> only on SQLite (elsewhere an
    /// identity never reuses an id, which keeps every id the source had). Null when nothing but the defaults is kept.
    /// </summary>
    public virtual IdentityOptions? KeptIdentityOptions(IdentityOptions? options) =>
        options is not null && KeepsIdentityOptions ? (options with { ReusesValues = false }).OrNull() : null;

    /// <summary>
    /// <c>GENERATED ALWAYS AS (expression) STORED|VIRTUAL</c>, after the column's type. An expression read from
    /// PostgreSQL (<c>(price * (qty)::numeric)</c>) is written in its normalised form where the engine reads no
    /// <c>::</c> casts, as checks are.
    /// </summary>
    /// <exception cref="NotSupportedException">The engine's generated columns are not written by NexuSQL (SQL Server).</exception>
    public virtual string GeneratedColumnSql(GeneratedColumn generated)
    {
        ArgumentNullException.ThrowIfNull(generated);
        var expression = !SupportsPostgreSqlCasts && generated.Expression.Contains("::", StringComparison.Ordinal)
            ? SqlExpressionText.WithoutCasts(generated.Expression) : generated.Expression;
        return $"GENERATED ALWAYS AS ({Requote(expression)}) {(generated.Stored ? "STORED" : "VIRTUAL")}";
    }

    /// <summary>
    /// Where the engine's portable JSON type rewrites the text it is given (PostgreSQL's <c>jsonb</c> sorts keys, keeps the
    /// last of duplicate keys, and writes <c>1e2</c> as <c>100</c>), the column type that keeps JSON as written
    /// (PostgreSQL's <c>json</c>); null where the JSON type already keeps its text (MariaDB's LONGTEXT, SQLite's TEXT) or
    /// the engine has no such type. Copy and restore from an engine whose JSON keeps its text create this type.
    /// </summary>
    public virtual ColumnType? TextKeepingJsonType => null;

    /// <summary>
    /// The portable JSON type keeps the text it is given (MariaDB's JSON, SQLite's TEXT); false where it rewrites it
    /// (PostgreSQL's and CockroachDB's jsonb). Verify compares JSON across engines as text where both sides keep it.
    /// </summary>
    public virtual bool JsonKeepsText => true;

    /// <summary>The engine has VIRTUAL generated columns (computed when read); where false they are written STORED (PostgreSQL 15).</summary>
    public virtual bool HasVirtualGeneratedColumns => true;

    /// <summary>
    /// Whether a STORED generated column may read the table's identity column. MariaDB computes a stored one before
    /// AUTO_INCREMENT gives the row its id (error 1901: "Function or expression 'AUTO_INCREMENT' cannot be used"), a
    /// VIRTUAL one when it is read.
    /// </summary>
    internal virtual bool StoredGeneratedColumnsReadIdentity => true;

    /// <summary>
    /// A generated column's expression whose value is a truth value (<see cref="Schema.SqlExpressionText.IsTruthValue"/>),
    /// written for a column of <paramref name="type"/>: as it is where a truth value is the integer 1 or 0 (SQLite,
    /// MySQL/MariaDB); see <see cref="PostgreSqlDialect"/>.
    /// </summary>
    internal virtual string TruthValueIn(string expression, ColumnType type) => expression;

    /// <summary>A generated column may be declared NOT NULL (MariaDB refuses it).</summary>
    public virtual bool GeneratedColumnsTakeNotNull => true;

    /// <summary>
    /// A default giving a text column the current UTC time as <c>YYYY-MM-DD HH:MM:SS</c> text, what SQLite's
    /// <c>CURRENT_TIMESTAMP</c> writes there (<see href="https://sqlite.org/lang_createtable.html#the_default_clause"/>); null
    /// where the engine is not known to have one. A SQLite text column's <c>DEFAULT CURRENT_TIMESTAMP</c> takes this
    /// engine's spelling in copy and restore (break test 28 L11).
    /// </summary>
    internal virtual string? UtcTimestampTextSql => null;

    /// <summary>
    /// A float that is not a number (<c>NaN</c>, ±infinity) as a literal of this engine, for a <c>DEFAULT</c> carried
    /// from another engine (<see cref="ColumnDefault.SpecialValue"/>): by default PostgreSQL's quoted
    /// <c>'NaN'</c>, <c>'Infinity'</c>, <c>'-Infinity'</c>; null for a finite value. Asked only for a value the engine
    /// holds (<see cref="ValueProblem(object?, ColumnType)"/>).
    /// </summary>
    internal virtual string? FloatLiteralSql(double value) =>
        double.IsNaN(value) ? "'NaN'" : double.IsPositiveInfinity(value) ? "'Infinity'" : double.IsNegativeInfinity(value) ? "'-Infinity'" : null;

    /// <summary>
    /// The value of the column's <c>DEFAULT</c> clause in this engine's spelling (<see cref="DefaultSql"/> of the portable
    /// spelling), or null when it has none.
    /// </summary>
    internal virtual string? ColumnDefaultSql(ColumnModel column) =>
        ColumnDefault.Normalize(column.Default, column.Type) is { } portable ? DefaultSql(portable) : null;

    /// <summary>A generated column whose values a load writes as given (<see cref="WriteGeneratedColumnsSql"/>): MariaDB's ROW START / ROW END.</summary>
    internal virtual bool WritesGeneratedColumn(ColumnModel column) => false;

    /// <summary>What lets the load session write the columns of <see cref="WritesGeneratedColumn"/>; null where none are.</summary>
    internal virtual string? WriteGeneratedColumnsSql => null;

    /// <summary>The column's <c>ON UPDATE CURRENT_TIMESTAMP</c> clause (<see cref="ColumnModel.OnUpdate"/>), or null where the engine has none (it needs a trigger).</summary>
    public virtual string? OnUpdateSql(ColumnModel column) => null;

    /// <summary>Foreign keys may be <c>DEFERRABLE [INITIALLY DEFERRED]</c>: checked at COMMIT (PostgreSQL, SQLite; not MariaDB/MySQL).</summary>
    public virtual bool DeferrableForeignKeys => false;

    /// <summary>Primary keys and unique constraints may be <c>DEFERRABLE</c> (PostgreSQL).</summary>
    public virtual bool DeferrableKeys => false;

    /// <summary>
    /// The statement that checks every deferred constraint of the transaction now, and the rest of the transaction per
    /// statement (PostgreSQL <c>SET CONSTRAINTS ALL IMMEDIATE</c>, which checks what is outstanding retroactively), or
    /// null where the engine has none. Import's transaction runs it first, so each record is checked as its own
    /// statement, and a seed file's runs it before COMMIT (or the dry run's rollback), so a deferred constraint is found
    /// with the file named and a dry run finds what the real run would.
    /// </summary>
    public virtual string? ImmediateConstraintsSql => null;

    /// <summary>
    /// Foreign keys may be <c>MATCH FULL</c> (<see cref="ForeignKeyModel.MatchFull"/>: PostgreSQL). MariaDB/MySQL and
    /// SQLite take the words and check the key as <c>MATCH SIMPLE</c>.
    /// </summary>
    public virtual bool ForeignKeyMatchFull => false;

    /// <summary>
    /// Foreign keys may be <c>ON DELETE / ON UPDATE SET DEFAULT</c>. MySQL/MariaDB take the words and keep
    /// <c>NO ACTION</c> (InnoDB does not implement SET DEFAULT: a DELETE of the parent is refused where the source sets
    /// the child's default; bt35 H3). True by default.
    /// </summary>
    internal virtual bool ForeignKeySetDefault => true;

    /// <summary>
    /// A foreign key's <c>RESTRICT</c> is its <c>NO ACTION</c> (MySQL/MariaDB: InnoDB checks both at once and reads both
    /// back as the same rule), so a plan takes them for one action; PostgreSQL and SQLite tell them apart (a deferred
    /// key's NO ACTION waits for COMMIT).
    /// </summary>
    internal virtual bool ForeignKeyRestrictIsNoAction => false;

    /// <summary>
    /// <c>ON DELETE SET NULL (a)</c> / <c>SET DEFAULT (a)</c> may name the key columns it sets
    /// (<see cref="ForeignKeyModel.OnDeleteColumns"/>: PostgreSQL 15).
    /// </summary>
    public virtual bool ForeignKeyActionColumns => false;

    /// <summary>
    /// A check may be <c>NO INHERIT</c> (<see cref="CheckModel.NoInherit"/>: PostgreSQL). Elsewhere there is no table
    /// inheritance, and a plain check means the same.
    /// </summary>
    public virtual bool CheckNoInherit => false;

    /// <summary>
    /// <c>ALTER TABLE ... ADD CONSTRAINT ... NOT VALID</c>: a check or foreign key that leaves the rows already there
    /// unchecked (PostgreSQL). In <c>CREATE TABLE</c> PostgreSQL ignores the words, so such checks are added after.
    /// </summary>
    public virtual bool NotValidConstraints => false;

    /// <summary>
    /// The engine can hold rows that break a table's own CHECK constraints and foreign keys, valid as the schema
    /// declares them: MariaDB with <c>SET check_constraint_checks = 0</c> or <c>foreign_key_checks = 0</c>, SQLite with
    /// <c>PRAGMA ignore_check_constraints = ON</c> or without <c>PRAGMA foreign_keys = ON</c> (its default). A copy or
    /// backup of such a database asks it for breaking rows before any target refuses them half-way (session 21 break
    /// test F23; a SQLite row referencing nothing failed PostgreSQL's ADD FOREIGN KEY after the load).
    /// </summary>
    public virtual bool ConstraintsMayBeBypassed => false;

    /// <summary>
    /// A primary-key column may hold NULL when not declared NOT NULL (<see cref="KeyModel.NullsAllowed"/>: SQLite rowid
    /// tables). Elsewhere a primary key makes its columns NOT NULL.
    /// </summary>
    public virtual bool NullablePrimaryKeyColumns => false;

    /// <summary><c>COLLATE name</c> after a column's type (PostgreSQL: quoted, since <c>"C"</c> is not <c>c</c>).</summary>
    public virtual string CollationSql(string collation) => "COLLATE " + QuoteIdentifier(collation);

    /// <summary>
    /// Index names belong to their table (MySQL/MariaDB: two tables may each have an index <c>by_email</c>); false where
    /// they share one namespace per schema with the tables, views and sequences (PostgreSQL, SQLite).
    /// </summary>
    public virtual bool IndexNamesPerTable => false;

    /// <summary>
    /// Foreign-key names are unique in the whole database (MySQL/MariaDB, InnoDB's dictionary); false where they belong
    /// to their table (PostgreSQL, SQLite).
    /// </summary>
    public virtual bool ForeignKeyNamesPerDatabase => false;

    /// <summary>
    /// SQLite's conflict clause of a PRIMARY KEY, UNIQUE or NOT NULL constraint (<c>ON CONFLICT REPLACE</c>,
    /// <see cref="Schema.KeyModel.OnConflict"/>), or null where the engine has none (copy and restore name it as not carried).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="algorithm"/> is not ROLLBACK, ABORT, FAIL, IGNORE or REPLACE.</exception>
    public virtual string? ConflictClauseSql(string algorithm) => null;

    /// <summary>
    /// The statement that gives the database the setting <paramref name="name"/> read into <see cref="Schema.SchemaModel.Settings"/>
    /// (SQLite <c>PRAGMA user_version = 42</c>), or null where the engine has no such setting (copy and restore name it as not carried).
    /// </summary>
    public virtual string? DatabaseSettingSql(string name, long value) => null;

    /// <summary>The engine creates virtual tables from their own statement (<see cref="Schema.TableModel.Virtual"/>: SQLite).</summary>
    public virtual bool VirtualTables => false;

    /// <summary>
    /// The statements that give a virtual table its configuration options (<see cref="Schema.TableModel.VirtualConfig"/>:
    /// SQLite FTS5's <c>INSERT INTO ft(ft, rank) VALUES('pgsz', 8000)</c>), after its <c>CREATE VIRTUAL TABLE</c>; none elsewhere.
    /// </summary>
    internal virtual IEnumerable<string> VirtualTableConfigSql(Schema.TableModel table) => [];

    /// <summary>The engine has exclusion constraints (<c>EXCLUDE USING gist (...)</c>: PostgreSQL).</summary>
    public virtual bool ExclusionConstraints => false;

    /// <summary>Adds a unique constraint, <c>NULLS NOT DISTINCT</c> and <c>DEFERRABLE</c> as <paramref name="key"/> says.</summary>
    /// <exception cref="NotSupportedException">The key is <c>NULLS NOT DISTINCT</c> and the engine has no such keys.</exception>
    public string AddUniqueSql(string table, Schema.KeyModel key, string? schema = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var name = key.Name ?? $"{table}_{string.Join("_", key.Columns)}_key";
        // a table of another schema (PostgreSQL) is named with it, as is a NULLS NOT DISTINCT key (PostgreSQL's only);
        // the engines without schemas never get one; DESC key columns (MariaDB) go in the constraint where ALTER TABLE
        // adds constraints (SQLite's unique index for it takes the plain column list)
        var add = schema is null && !key.NullsNotDistinct && key.WithoutOverlaps is null && key.Include is null && (key.Descending is null || !DescendingKeyParts || !AlterTableAddsForeignKeys)
            ? AddUniqueSql(table, name, key.Columns)
            : $"ALTER TABLE {QuoteName(schema, table)} ADD CONSTRAINT {QuoteIdentifier(name)} UNIQUE{Schema.SchemaScript.NullsNotDistinctSql(key, this)} " +
              $"({Schema.SchemaScript.KeyColumnsSql(key, this)}){Schema.SchemaScript.KeyIncludeSql(key, this)}";
        return add + Schema.SchemaScript.DeferrableSql(key.Deferrable);
    }

    /// <summary>The column option that hides a column from <c>SELECT *</c> (MariaDB/MySQL <c>INVISIBLE</c>), or null where the engine has none.</summary>
    public virtual string? InvisibleColumnSql => null;

    /// <summary>
    /// The clause that keeps a column of a system-versioned table out of its history (<see cref="ColumnModel.WithoutSystemVersioning"/>:
    /// MariaDB <c>WITHOUT SYSTEM VERSIONING</c>), or null where the engine has no system versioning.
    /// </summary>
    internal virtual string? UnversionedColumnSql => null;

    /// <summary>
    /// A native type read from another engine that this engine holds with every value (PostgreSQL's unconstrained
    /// <c>numeric</c>, which a SQLite NUMERIC column reads as); copy and restore refuse other native types.
    /// </summary>
    public virtual bool HoldsNativeType(string native) => false;

    /// <summary>
    /// Why this engine does not hold <paramref name="native"/> (a native type read from another engine) with every value,
    /// where the reason is not plain (a type of the same name that changes values: SQLite's NUMERIC keeps 15 significant
    /// digits); null otherwise. Copy and restore put it in their refusal (bt39 M3).
    /// </summary>
    internal virtual string? NativeTypeLimit(string native) => null;

    /// <summary>
    /// The type a column is declared with: <see cref="ColumnModel.EngineType"/> when it was read from this engine (the
    /// source's exact declaration), else the portable type in this engine's spelling (<see cref="ColumnTypeSql"/>, or
    /// <see cref="StrictColumnTypeSql"/> in a STRICT table).
    /// </summary>
    public virtual string DeclaredTypeSql(ColumnModel column, bool strictTable)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (strictTable && SupportsStrictTables) return StrictColumnTypeSql(column.Type);
        return column.EngineType?.For(Engine) ?? ColumnTypeSql(column.Type);
    }

    /// <summary>
    /// Why <paramref name="table"/>'s identity columns cannot be created on this engine with the same meaning, or null
    /// (the default: PostgreSQL takes any number of identity columns, keyed or not). A copy or restore refuses such a
    /// table by name before anything is written, and <c>schema apply</c> refuses to create it; written as it is, the
    /// engine would fail half-way (MariaDB 1075) or — SQLite — make the identity column the primary key in place of the
    /// real one.
    /// </summary>
    public virtual string? IdentityProblem(TableModel table) => null;

    /// <summary>
    /// The unique key of <paramref name="table"/> a load must create with the table instead of after the rows, because
    /// the engine wants it there (MariaDB/MySQL: an AUTO_INCREMENT column must lead a key when the table is created,
    /// error 1075); null when none (the default).
    /// </summary>
    internal virtual KeyModel? KeyCreatedWithTable(TableModel table) => null;

    /// <summary>An identity column's clause makes it the primary key (SQLite's <c>INTEGER PRIMARY KEY</c>): the table has no separate PRIMARY KEY constraint.</summary>
    public virtual bool IdentityIsPrimaryKey => false;

    /// <summary>
    /// A PRIMARY KEY clause written in the definition of <paramref name="column"/> instead of a table constraint, or null
    /// (the default). SQLite: an INTEGER key that is not the identity must say <c>PRIMARY KEY DESC</c> there, since a
    /// table constraint would make it the rowid.
    /// </summary>
    public virtual string? ColumnPrimaryKeySql(TableModel table, ColumnModel column) => null;

    /// <summary>
    /// The character set a table created for another engine's (Unicode) text declares where the target database's
    /// default collation (<paramref name="databaseCollation"/>, <see cref="SchemaModel.DefaultCollation"/>) does not hold
    /// every character (MySQL/MariaDB: <c>utf8mb4</c> in a latin1 database); null where the database's default holds
    /// them, or the engine's text is Unicode always. Copy and restore put it in <see cref="TableModel.Collation"/>.
    /// </summary>
    public virtual string? UnicodeCharacterSet(string? databaseCollation) => null;

    /// <summary>
    /// A key under this engine's <paramref name="collation"/> takes two text values for one only when they are the same
    /// characters (MySQL/MariaDB <c>utf8mb4_nopad_bin</c>, <c>binary</c>; not <c>utf8mb4_bin</c>, which pads: 'a' = 'a ').
    /// Such a key's collation may be left behind across engines when the target's default keys compare alike
    /// (<see cref="DefaultCollationKeysCompareCharacters"/>); any other is refused on a key column. False by default.
    /// </summary>
    internal virtual bool KeyCollationComparesCharacters(string collation) => false;

    /// <summary>
    /// Two different texts a key under this engine's <paramref name="collation"/> is known to take for one, as a message
    /// shows them (<c>'A' and 'a'</c>: SQLite <c>NOCASE</c>, a MariaDB <c>_ci</c> collation; <c>'a' and 'a '</c>: SQLite
    /// <c>RTRIM</c>, MariaDB's PAD SPACE <c>utf8mb4_bin</c>), or null where none is known (PostgreSQL: a nondeterministic
    /// collation is not told by its name but by the schema's <see cref="CollationModel.Deterministic"/>). Verify between
    /// engines names a key that folds on one side and not alike on the other (bt39 M4, bt41 F17).
    /// </summary>
    internal virtual string? KeyCollationFolds(string collation) => null;

    /// <summary>
    /// The condition under which a referencing column's value matches a referenced key column's, as the engine's foreign
    /// key compares them (an integrity check's query must find the same orphans the key refuses): by default
    /// <c>referenced = referencing</c>.
    /// </summary>
    /// <param name="referenced">The referenced column, qualified and quoted.</param>
    /// <param name="referencedType">Its type, where known.</param>
    /// <param name="referencing">The referencing column, qualified and quoted.</param>
    /// <param name="referencingType">Its type, where known.</param>
    internal virtual string ForeignKeyMatchSql(string referenced, ColumnType? referencedType, string referencing, ColumnType? referencingType) =>
        $"{referenced} = {referencing}";

    /// <summary>
    /// An expression giving one value for every text a key on a column of <paramref name="type"/> under
    /// <paramref name="collation"/> (its own, else its table's or database's default) takes for one, of the text
    /// <paramref name="operand"/>; null where the key compares characters, or no such expression is known. Seed compares
    /// the keys two files of one folder name with it, as the table would (a MariaDB <c>_ci</c> key takes 'Bob' and 'bob'
    /// for one: the second file's record overwrote the first's, or failed after the first file was committed).
    /// </summary>
    internal virtual string? KeyFoldSql(string? collation, ColumnType type, string operand) => null;

    /// <summary>
    /// Whether this engine's foreign key takes a referencing value with trailing blanks (<c>'ab '</c>) for the key value
    /// without them (<c>'ab'</c>). By default (SQLite) where the referenced column's collation leaves trailing blanks out
    /// (<c>RTRIM</c>): SQLite compares under the parent key's collating sequence (manual, "SQLite Foreign Key Support"),
    /// whatever the child column's. Checked with each engine's own client: verify between engines names a foreign key
    /// that takes such a row on one side and refuses it on the other (bt45 M1: "OK" between a PostgreSQL text column
    /// referencing a char(4) key and a MariaDB NO PAD one).
    /// </summary>
    /// <param name="referenced">The referenced key column, with the collation it compares under (its own, else its table's
    /// or its database's default).</param>
    /// <param name="referencing">The referencing column, likewise.</param>
    internal virtual bool ForeignKeyIgnoresTrailingBlanks(ColumnModel referenced, ColumnModel referencing) =>
        referenced.Collation is { } k && KeyCollationFolds(k) == "'a' and 'a '";

    /// <summary>
    /// Two different texts a key on a column of this engine's <paramref name="type"/> takes for one whatever its
    /// collation, or null: <c>'a' and 'a '</c> for <c>char(n)</c> where fixed strings pad (<see cref="PadsFixedStrings"/>:
    /// PostgreSQL's bpchar and MariaDB's CHAR refuse 'a ' beside 'a', SQL standard), PostgreSQL <c>citext</c>
    /// <c>'A' and 'a'</c>.
    /// </summary>
    internal virtual string? KeyTypeFolds(ColumnType type) => type is { Kind: PortableType.String, Fixed: true } && PadsFixedStrings ? "'a' and 'a '" : null;

    /// <summary>
    /// The collation under which this engine's key takes <c>'a'</c> and <c>'a '</c> for one and compares characters
    /// otherwise — what a <c>char(n)</c> key means where fixed strings pad — on a column whose type does not pad
    /// (SQLite <c>RTRIM</c>: SQLite manual, "Collating Sequences"; MariaDB's PAD SPACE <c>utf8mb4_bin</c>), or null.
    /// </summary>
    internal virtual string? TrailingBlanksCollation => null;

    /// <summary>
    /// Whether a key on a text column under <paramref name="collation"/> (null: the column has none of its own) takes two
    /// values for one only when they are the same characters: <see cref="KeyCollationComparesCharacters"/>, a byte-order
    /// collation, or the default where <see cref="DefaultCollationKeysCompareCharacters"/>.
    /// </summary>
    internal bool KeysCompareCharacters(string? collation) =>
        collation is null ? DefaultCollationKeysCompareCharacters
        : KeyCollationComparesCharacters(collation) || CollationComparesBytes(collation) || string.Equals(collation, BytewiseCollation, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// This engine's <paramref name="collation"/> compares text by its UTF-8 bytes and nothing else: no folding, no
    /// padding, byte order (PostgreSQL's <c>"C"</c> and <c>"POSIX"</c>). Across engines such a column takes the target's
    /// <see cref="BytewiseCollation"/>, which compares and sorts alike, instead of being refused on a key (break test 30
    /// F1). False by default.
    /// </summary>
    internal virtual bool CollationComparesBytes(string collation) => false;

    /// <summary>
    /// The collation of this engine that compares text by its UTF-8 bytes, without padding (SQLite <c>BINARY</c>,
    /// MariaDB <c>utf8mb4_nopad_bin</c>, PostgreSQL <c>"C"</c>): what a column under another engine's byte-order collation
    /// (<see cref="CollationComparesBytes"/>) is created with; null where the engine has none.
    /// </summary>
    internal virtual string? BytewiseCollation => null;

    /// <summary>
    /// A key on a text column without a collation of its own takes two values for one only when they are the same
    /// characters: PostgreSQL's (deterministic) and SQLite's BINARY defaults; not MySQL/MariaDB's <c>_ci</c> defaults.
    /// </summary>
    internal virtual bool DefaultCollationKeysCompareCharacters => true;

    /// <summary>
    /// What to do with a key column whose collation (<paramref name="collation"/>, declared or the table's) is refused
    /// across engines, in this (the source's) engine's words.
    /// </summary>
    internal virtual string KeyCollationAdvice(string collation) => "Remove the collation in the source";

    /// <summary>
    /// The engine has application-time periods and keys <c>WITHOUT OVERLAPS</c> (<see cref="TableModel.Period"/>,
    /// <see cref="KeyModel.WithoutOverlaps"/>): MariaDB 10.5+. Where false, copy and restore refuse such keys by name.
    /// </summary>
    public virtual bool ApplicationPeriods => false;

    /// <summary>
    /// A primary key's or unique constraint's column may be declared <c>DESC</c> (<see cref="KeyModel.Descending"/>):
    /// SQLite, MariaDB 10.8+ (earlier versions read and ignore it). False on PostgreSQL, whose constraints take no order.
    /// </summary>
    public virtual bool DescendingKeyParts => false;

    /// <summary>
    /// The engine keeps a table's storage engine (<see cref="TableModel.StorageEngine"/>) and its own partitioning clause
    /// (<see cref="TableModel.PartitionClause"/>) in <see cref="TableOptionsSql"/>: MySQL/MariaDB.
    /// </summary>
    public virtual bool TableStorageEngines => false;

    /// <summary>
    /// Why the table's identity column, as the engine numbers it, would be numbered otherwise by other engines (MyISAM
    /// and Aria number an AUTO_INCREMENT that is not the first column of its key per group of the columns before it);
    /// null when it is numbered as everywhere.
    /// </summary>
    public virtual string? IdentityNumberedPerGroup(TableModel table) => null;

    /// <summary>The engine creates views <c>WITH CASCADED | LOCAL CHECK OPTION</c> (<see cref="ViewModel.CheckOption"/>).</summary>
    public virtual bool ViewCheckOptions => false;

    /// <summary>
    /// The engine creates views that run with their caller's rights (<see cref="ViewModel.SecurityInvoker"/>: MySQL/MariaDB
    /// <c>SQL SECURITY INVOKER</c>, PostgreSQL 15 <c>WITH (security_invoker = true)</c>).
    /// </summary>
    public virtual bool ViewSecurityInvoker => false;

    /// <summary>The engine creates PostgreSQL's <c>security_barrier</c> views (<see cref="ViewModel.SecurityBarrier"/>).</summary>
    public virtual bool ViewSecurityBarrier => false;

    /// <summary>
    /// <c>CREATE VIEW name</c> with the view's options this engine writes there (MySQL/MariaDB <c>CREATE SQL SECURITY
    /// INVOKER VIEW</c>, PostgreSQL <c>CREATE VIEW name WITH (security_barrier = true)</c>); <c>AS select</c> follows.
    /// </summary>
    public virtual string CreateViewHead(ViewModel view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return $"CREATE VIEW {QuoteName(view.Schema, view.Name)}";
    }

    /// <summary>
    /// The engine keeps comments on tables, columns and indexes (<see cref="TableModel.Comment"/>, <see cref="ColumnModel.Comment"/>,
    /// <see cref="IndexModel.Comment"/>): PostgreSQL, MySQL/MariaDB. Where false, copy and restore into it name them as not carried.
    /// </summary>
    public virtual bool Comments => false;

    /// <summary>
    /// The engine keeps PostgreSQL's table storage parameters, REPLICA IDENTITY, typed tables and column STORAGE and STATISTICS
    /// (<see cref="TableModel.StorageParameters"/>, <see cref="TableModel.ReplicaIdentity"/>, <see cref="TableModel.OfType"/>, <see cref="ColumnModel.Storage"/>,
    /// <see cref="ColumnModel.Statistics"/>). Where false, copy and restore into it name them as not carried.
    /// </summary>
    public virtual bool TableStorageSettings => false;

    /// <summary>
    /// The statements, after CREATE TABLE (or to change them on an existing table, from <paramref name="current"/>), that
    /// give the table its REPLICA IDENTITY, its composite type (OF) and its columns their STORAGE and STATISTICS (PostgreSQL); none elsewhere.
    /// </summary>
    public virtual IEnumerable<string> TableStorageSettingsSql(TableModel table, TableModel? current = null) => [];

    /// <summary>
    /// The statement marking the index a table is clustered on (<see cref="TableModel.ClusterOn"/>: PostgreSQL
    /// <c>ALTER TABLE t CLUSTER ON i</c>), or taking the mark away, where it differs from <paramref name="current"/>;
    /// null where it does not, or the engine has none. Runs once the table's keys and indexes exist.
    /// </summary>
    internal virtual string? ClusterOnSql(TableModel table, TableModel? current = null) => null;

    /// <summary>The engine keeps comments on standalone sequences and views too (PostgreSQL).</summary>
    public virtual bool SequenceAndViewComments => false;

    /// <summary>The most characters the engine keeps in a table's comment (<paramref name="table"/>) or a column's or index's; null: no limit.</summary>
    public virtual int? MaxCommentLength(bool table) => null;

    /// <summary>
    /// The statements, after CREATE TABLE, that give the table and its columns their comments (PostgreSQL <c>COMMENT ON</c>);
    /// none where CREATE TABLE itself holds them (<see cref="ColumnCommentClause"/>, <see cref="TableOptionsSql"/>) or the engine has none.
    /// </summary>
    public virtual IEnumerable<string> TableCommentsSql(TableModel table) => [];

    /// <summary>A column definition's comment (MySQL/MariaDB <c>COMMENT '...'</c>); null where comments are set by statements of their own, or the engine has none.</summary>
    public virtual string? ColumnCommentClause(string comment) => null;

    /// <summary>The statement giving an existing table its <see cref="TableModel.Comment"/> (null: none); null where the engine has no comments.</summary>
    public virtual string? SetTableCommentSql(TableModel table) => null;

    /// <summary>
    /// <c>COMMENT ON INDEX</c> (PostgreSQL) giving an existing index its <see cref="IndexModel.Comment"/> (null: none); null where
    /// CREATE INDEX holds the comment (MySQL/MariaDB) or the engine has none.
    /// </summary>
    public virtual string? IndexCommentSql(IndexModel index, string? schema = null) => null;

    /// <summary><c>COMMENT ON VIEW</c> giving the view its <see cref="ViewModel.Comment"/> (null: none); null where the engine keeps no view comments.</summary>
    public virtual string? ViewCommentSql(ViewModel view) => null;

    /// <summary>
    /// The statements that give a created view (or, from <paramref name="current"/>, an existing one) its column defaults
    /// and column comments (<see cref="ViewModel.ColumnDefaults"/>, <see cref="ViewModel.ColumnComments"/>); empty where
    /// the engine keeps neither.
    /// </summary>
    public virtual IEnumerable<string> ViewColumnSettingsSql(ViewModel view, ViewModel? current = null) => [];

    /// <summary><c>COMMENT ON SEQUENCE</c> giving the sequence its <see cref="SequenceModel.Comment"/> (null: none); null where the engine keeps no sequence comments.</summary>
    public virtual string? SequenceCommentSql(SequenceModel sequence) => null;

    /// <summary>What follows a CREATE TABLE's closing parenthesis (SQLite: <c>STRICT</c>, <c>WITHOUT ROWID</c>); empty by default.</summary>
    public virtual string TableOptionsSql(TableModel table) => "";

    /// <summary>
    /// The engine recreates PostgreSQL's declarative partitioning (<see cref="TableModel.PartitionBy"/>,
    /// <see cref="TableModel.PartitionOf"/>) and table inheritance (<see cref="TableModel.Inherits"/>). Where false,
    /// such tables are created as plain ones by copy and restore (and named), and refused by name by a schema plan.
    /// </summary>
    public virtual bool SupportsPartitioning => false;

    /// <summary>The engine has tables kept out of its write-ahead log (PostgreSQL <c>UNLOGGED</c>); where false every table is logged.</summary>
    public virtual bool SupportsUnloggedTables => false;

    /// <summary>
    /// The engine has materialized views (PostgreSQL <c>CREATE MATERIALIZED VIEW ... WITH [NO] DATA</c>, with indexes of
    /// their own). Where false, copy and restore name them among the views not created, and a schema plan refuses them by name.
    /// </summary>
    public virtual bool SupportsMaterializedViews => false;

    /// <summary>
    /// <c>REFRESH MATERIALIZED VIEW name</c>: the view's rows computed again from its tables as they are now (after a
    /// data-only copy or reset changed them); null where the engine has no materialized views.
    /// </summary>
    public virtual string? RefreshMaterializedViewSql(Schema.ViewModel view) => null;

    /// <summary>The CREATE TABLE statement of <paramref name="table"/> from its column and constraint definitions (<paramref name="elements"/>).</summary>
    /// <exception cref="NotSupportedException">The table is partitioned, a partition, an inheritance child or UNLOGGED, and the engine has none of those.</exception>
    public virtual string CreateTableSql(TableModel table, IReadOnlyList<string> elements)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(elements);
        if (table.PartitionBy is not null || table.PartitionOf is not null || table.Inherits is { Count: > 0 } || table.Unlogged)
            throw new NotSupportedException($"{Engine.DisplayName()} has no PostgreSQL partitioned, inheriting or UNLOGGED tables ({table.Name}).");
        return PlainCreateTableSql(table, elements);
    }

    /// <summary>
    /// The statement, run after the CREATE TABLE of a partition or inheritance child, that gives <paramref name="columns"/>
    /// (inherited ones whose default or NOT NULL is not their parent's) the default, or none, and NOT NULL they have;
    /// null when there are none or the engine has no inheritance.
    /// </summary>
    public virtual string? InheritedColumnsSql(string table, IReadOnlyList<ColumnModel> columns, string? schema = null) => null;

    /// <summary>
    /// The statements that make a table created on its own a partition or inheritance child of its parents (PostgreSQL
    /// <c>ALTER TABLE parent ATTACH PARTITION t FOR VALUES ...</c>, <c>ALTER TABLE t INHERIT parent</c>); empty where
    /// the engine has neither.
    /// </summary>
    internal virtual IReadOnlyList<string> AttachToParentsSql(TableModel table) => [];

    /// <summary><c>CREATE TABLE t (elements)</c> and the <see cref="TableOptionsSql"/>.</summary>
    protected string PlainCreateTableSql(TableModel table, IReadOnlyList<string> elements)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(elements);
        return $"CREATE TABLE {QuoteName(table.Schema, table.Name)} (\n  {string.Join(",\n  ", elements)}\n){TableOptionsSql(table)}";
    }

    /// <summary>The most bytes of one index key the engine accepts (MySQL/InnoDB: 3072), or null where keys are not bounded that way.</summary>
    public virtual int? MaxKeyBytes => null;

    /// <summary>
    /// The most bytes one row's columns may declare, counting <c>string(n)</c> as n × <see cref="BytesPerCharacter"/> + 2
    /// (MySQL: 65,535, so one utf8mb4 VARCHAR holds at most 16,383 characters), or null where there is no such limit.
    /// </summary>
    public virtual int? MaxRowBytes => null;

    /// <summary>
    /// The most columns one table may have (PostgreSQL 1,600; InnoDB 1,017; SQL Server 1,024; SQLite 2,000), or null
    /// where it is not known: copy and restore refuse a wider table by name before anything is written.
    /// </summary>
    internal virtual int? MaxColumns => null;

    /// <summary>
    /// The most indexes one table may have, counting its primary key, unique constraints and the index each foreign key
    /// needs where none of the others begins with its columns (MySQL: 64, error 1069), or null where it is not bounded so.
    /// </summary>
    internal virtual int? MaxIndexes => null;

    /// <summary>Whether the engine makes an index of its own for a foreign key no other index begins with (InnoDB).</summary>
    internal virtual bool IndexesForeignKeys => false;

    /// <summary>
    /// The most bytes of one row the engine keeps inside its page, as <see cref="InlineRowBytes"/> counts them (InnoDB,
    /// DYNAMIC row format, 16 KB pages: 8,126; error 1118 under innodb_strict_mode), or null where a row is not bounded so.
    /// </summary>
    internal virtual int? MaxInlineRowBytes => null;

    /// <summary>The bytes of a row with <paramref name="columns"/> the engine keeps inside its page at most (see <see cref="MaxInlineRowBytes"/>).</summary>
    internal virtual int InlineRowBytes(IReadOnlyList<ColumnModel> columns, bool primaryKey) => 0;

    /// <summary>The bytes a column of <paramref name="type"/> takes inside the page at most (see <see cref="MaxInlineRowBytes"/>).</summary>
    internal virtual int InlineBytes(ColumnType type) => 0;

    /// <summary>
    /// Why the engine cannot make a foreign key from a column of type <paramref name="column"/> to one of type
    /// <paramref name="referenced"/> (PostgreSQL 42804: text and bigint; MySQL 1825), or null where it can.
    /// </summary>
    internal virtual string? ForeignKeyTypeProblem(ColumnType column, ColumnType referenced) => null;

    /// <summary>
    /// Why the engine cannot make a foreign key to <paramref name="columns"/> of <paramref name="parent"/>, or null where
    /// it can. PostgreSQL (42830), SQL Server and CockroachDB reference only the primary key or a unique key (a unique
    /// index without a predicate or expression) of exactly those columns, in any order. SQLite creates any such key and
    /// refuses writes to the child later ("foreign key mismatch"); a schema read from it may hold one (break test 34 F7).
    /// </summary>
    internal virtual string? ReferencedKeyProblem(Schema.TableModel parent, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(columns);
        bool Same(IEnumerable<string> key) => key.Count() == columns.Count && key.All(k => columns.Contains(k, StringComparer.OrdinalIgnoreCase));
        if (ReferencedKeys(parent).Any(Same)) return null;
        return $"{parent.QualifiedName}({string.Join(", ", columns)}) is neither the primary key nor a unique key of {parent.QualifiedName}, and {Engine.DisplayName()} " +
            "references only those (SQLite creates such a key but refuses every write to the referencing table while foreign keys are on)";
    }

    /// <summary>The column lists of <paramref name="t"/>'s primary key, unique constraints and unique indexes without predicate or expression.</summary>
    internal static IEnumerable<IReadOnlyList<string>> ReferencedKeys(Schema.TableModel t)
    {
        if (t.PrimaryKey is { Columns.Count: > 0 } pk) yield return pk.Columns;
        foreach (var u in t.Uniques) yield return u.Columns;
        foreach (var i in t.Indexes ?? [])
            if (i.Unique && i.Where is null && i.Columns.All(c => c.Name is not null && c.Expression is null)) yield return [.. i.Columns.Select(c => c.Name!)];
    }

    /// <summary>A foreign key's integer columns must have the referenced columns' width (MySQL/InnoDB; PostgreSQL and SQLite compare values).</summary>
    public virtual bool ForeignKeysNeedSameIntegerType => false;

    /// <summary>Bytes one character takes at most in a key (utf8mb4: 4).</summary>
    public virtual int BytesPerCharacter => 4;

    /// <summary>A statement run after the load that makes an identity GENERATED ALWAYS (loaded as BY DEFAULT, so every load path may write its values), or null.</summary>
    public virtual string? IdentityAlwaysSql(string table, string column, string? schema = null) => null;
}
