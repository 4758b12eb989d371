using NexuSql.Schema;

namespace NexuSql.Verification;

/// <summary>
/// How verify compares a column that two databases of one engine declare with different types (varchar and char(n),
/// json and jsonb, date and timestamp): both sides' values are read with their own column's type and brought into one
/// common type, then compared in the canonical form the cross-engine comparison uses — equal meaning compares equal,
/// any other value still differs. Types of different kinds of data (a number and a text, a timestamp and an instant)
/// have no common type: the column is reported and left out.
/// </summary>
internal static class ColumnComparison
{
    /// <summary>The type both sides of a column are compared in; null when <paramref name="first"/> and <paramref name="second"/> cannot be compared.</summary>
    public static ColumnType? CommonType(ColumnType first, ColumnType second)
    {
        // an engine's own type (MariaDB INET6, PostgreSQL inet) and a text column: the text the engine prints is compared
        // with the text held (break test F17: INET6 vs VARCHAR "could not be compared", INET6 vs SQLite TEXT could)
        if (ReadsOwnType(first, second)) return AsOwnType(second);
        if (ReadsOwnType(second, first)) return AsOwnType(first);
        var family = Family(first);
        if (family != Family(second)) return null;
        return family switch
        {
            // numbers by value: 5 = 5.00 = 5.0e0 (an unconstrained numeric hashes by value), floats of both widths as float64,
            // integers of any width as int64 (so that an int key matched with a bigint one still splits by key ranges)
            "number" => IsFloat(first) && IsFloat(second) ? new ColumnType(PortableType.Float64)
                : IsInteger(first) && IsInteger(second) ? new ColumnType(PortableType.Int64)
                : new ColumnType(PortableType.Native, Native: "numeric"),
            // char(n) values arrive without the padding the engine adds (as their own column reads them)
            "text" => new ColumnType(PortableType.Text),
            "json" => new ColumnType(PortableType.Json),
            // a date equals the timestamp at its midnight (as PostgreSQL and MariaDB compare them); any other time differs
            "date" => first.Kind == second.Kind ? first with { Precision = null } : new ColumnType(PortableType.Date),
            // as uuids: the canonical text is the uuid, any other text (upper case) differs
            "uuid" => new ColumnType(PortableType.Uuid),
            _ => first,
        };
    }

    /// <summary>
    /// How verify compares one column of two databases: within one engine in the <see cref="CommonType"/> (read with
    /// each side's own type), across engines by <see cref="AcrossEnginesPlan"/>. Null when the column cannot be compared
    /// — then a <c>copy --data-only</c> refuses to write it too, since neither its own check nor verify could see what
    /// the target's conversion made of the values (break test 30 F12: a timestamp became an instant, a boolean 1).
    /// </summary>
    public static (ColumnType ReadSecondAs, ColumnType CompareAs)? Plan(ColumnType first, ColumnType firstDeclared, Dialects.SqlDialect firstDialect,
        ColumnType second, Dialects.SqlDialect secondDialect, bool sameEngine) =>
        sameEngine
            ? CommonType(first, second) is { } common ? (second, common) : null
            : AcrossEnginesPlan(first, firstDeclared, firstDialect, second, secondDialect);

    /// <summary>
    /// How one column is compared across two engines, the same whichever database comes first (session 21 break test
    /// F20/F24/F25: DATETIME against date, char against varchar, SQLite text against PostgreSQL uuid, int or timestamp
    /// gave verdicts that depended on the order of the arguments, because the second side was read with the first's
    /// type): a column whose types translate into each other (the same portable type, JSON, an engine's own type, a
    /// timestamp without and with time zone, which MySQL has no other way to hold) is read as the first side's type, as
    /// a copy wrote it; a column whose two types share a family (numbers, texts, a date and a timestamp) is read on each
    /// side with its own type and compared in the common one; any other column (a text against a number or a
    /// timestamp, a boolean against an integer) cannot be compared, and is named.
    /// </summary>
    /// <param name="first">The first database's column type, engine-native types translated.</param>
    /// <param name="firstDeclared">The same column's type as the first database declares it.</param>
    /// <param name="firstDialect">The first database's dialect.</param>
    /// <param name="second">The second database's column type.</param>
    /// <param name="secondDialect">The second database's dialect.</param>
    /// <returns>The type the second side is read with and the type both are compared in; null when the column cannot be compared.</returns>
    public static (ColumnType ReadSecondAs, ColumnType CompareAs)? AcrossEnginesPlan(ColumnType first, ColumnType firstDeclared,
        Dialects.SqlDialect firstDialect, ColumnType second, Dialects.SqlDialect secondDialect)
    {
        if (ReadsOwnType(first, second)) return (second, AsOwnType(second));
        if (ReadsOwnType(second, first)) return (second, AsOwnType(first));
        if (ReadsOwnNumber(first, second)) return (second, CommonType(first, second)!);
        var asFirst = (first, AcrossEngines(first, firstDeclared, firstDialect, second, secondDialect));
        if (first == second || Family(first) == "json" || Family(second) == "json") return asFirst;
        if (CommonType(first, second) is { } common) return (second, common);
        if (Family(first).StartsWith("native:", StringComparison.Ordinal) || Family(second).StartsWith("native:", StringComparison.Ordinal)) return asFirst;
        var instants = new[] { PortableType.Timestamp, PortableType.TimestampTz };
        if (first.Kind != second.Kind && instants.Contains(first.Kind) && instants.Contains(second.Kind)) return asFirst;
        return null;
    }

    /// <summary>
    /// Across engines (both sides read with the first's column types): the type a column is compared in. JSON travels
    /// as its text: where both sides keep the text as written (PostgreSQL json, MariaDB JSON, SQLite, a text column),
    /// the texts are compared, so a key order or spacing changed on one side is a difference. Where one side is jsonb,
    /// which spells every document its own way (key order, spaces), the documents are compared by meaning, in both
    /// directions (text first and jsonb second as well).
    /// </summary>
    /// <param name="first">The first database's column type, engine-native types translated (PostgreSQL json → json).</param>
    /// <param name="firstDeclared">The same column's type as the first database declares it (PostgreSQL's json: native json, which keeps its text).</param>
    /// <param name="firstDialect">The first database's dialect.</param>
    /// <param name="second">The second database's column type.</param>
    /// <param name="secondDialect">The second database's dialect.</param>
    public static ColumnType AcrossEngines(ColumnType first, ColumnType firstDeclared, Dialects.SqlDialect firstDialect, ColumnType second, Dialects.SqlDialect secondDialect)
    {
        static bool IsJson(ColumnType t, Dialects.SqlDialect d) => t.Kind == PortableType.Json || (t.Kind == PortableType.Native && t == d.TextKeepingJsonType);
        static bool KeepsText(ColumnType t, Dialects.SqlDialect d) =>
            t.Kind is PortableType.String or PortableType.Text || (t.Kind == PortableType.Json ? d.JsonKeepsText : t == d.TextKeepingJsonType);
        if (!IsJson(first, firstDialect) && !IsJson(second, secondDialect)) return first;
        if (!IsJson(first, firstDialect) && first.Kind is not (PortableType.String or PortableType.Text)) return first;
        return KeepsText(firstDeclared, firstDialect) && KeepsText(second, secondDialect) ? new ColumnType(PortableType.Text) : new ColumnType(PortableType.Json);
    }

    /// <summary>
    /// <paramref name="text"/> is a text column and <paramref name="other"/> an engine type of its own read as the text
    /// its engine prints (inet, interval, bit(n)), or a uuid (its canonical text) — not a number or JSON, which are
    /// compared by their own family: the other side is read with its own type and compared as text.
    /// </summary>
    public static bool ReadsOwnType(ColumnType text, ColumnType other) =>
        Family(text) == "text" && (other.Kind == PortableType.Uuid || (other.Kind == PortableType.Native && Family(other).StartsWith("native:", StringComparison.Ordinal)));

    /// <summary>
    /// Numbers of which one side is a float and the other a number of another kind or width (a decimal, an integer, a
    /// float of the other width): each side is read with its own type and compared by exact value (<see cref="CommonType"/>).
    /// Read with the other side's type, a float32 went through a 7-digit decimal conversion (1234567.125 → 1234567, 0.1f
    /// → 0.1) and a MariaDB FLOAT through its short printed form, so one argument order missed a difference and the
    /// other reported a false one (session 21 break test F19).
    /// </summary>
    public static bool ReadsOwnNumber(ColumnType first, ColumnType second) =>
        Family(first) == "number" && Family(second) == "number" && (IsFloat(first) || IsFloat(second)) && first.Kind != second.Kind;

    /// <summary>
    /// The type a text column and a column of <paramref name="own"/> (<see cref="ReadsOwnType"/>) are compared in: a uuid
    /// as a uuid (the canonical text is that uuid, any other spelling differs), any other as the text its engine prints.
    /// </summary>
    public static ColumnType AsOwnType(ColumnType own) => new(own.Kind == PortableType.Uuid ? PortableType.Uuid : PortableType.Text);

    /// <summary>
    /// Two columns of one engine whose values are compared as the text the engine prints although their types differ:
    /// enum columns of differently named types (PostgreSQL <c>app.mood</c> and <c>feeling</c>, as the enum types of
    /// <paramref name="firstEnums"/> and <paramref name="secondEnums"/> name them) or MariaDB ENUMs of other label orders
    /// or more labels, which hold labels; arrays of such enums, of integers of any width (<c>integer[]</c> and
    /// <c>bigint[]</c>) or of texts (<c>varchar(n)[]</c> and <c>text[]</c>), of as many dimensions, whose texts are their
    /// elements' labels, numbers or texts (break test 33 G2, 34 F9).
    /// A MariaDB SET is not one: its text lists the labels in its column's order.
    /// </summary>
    public static bool ComparedAsText(ColumnType first, IReadOnlyList<EnumTypeModel> firstEnums, ColumnType second, IReadOnlyList<EnumTypeModel> secondEnums)
    {
        if (first is not { Kind: PortableType.Native, Native: { } a } || second is not { Kind: PortableType.Native, Native: { } b }) return false;
        if (Dimensions(a) != Dimensions(b)) return false;
        var (ea, eb) = (UserTypes.Element(a), UserTypes.Element(b));
        if (IsEnum(firstEnums, ea) && IsEnum(secondEnums, eb)) return true;
        if (Dimensions(a) == 0) return Dialects.MySqlDialect.EnumLabels(a) is not null && Dialects.MySqlDialect.EnumLabels(b) is not null;
        string[] integers = ["int2", "int4", "int8", "smallint", "integer", "int", "bigint"];
        // varchar(n)[] and text[]: the same texts (not char(n)[], whose elements carry the padding; break test 34 F9)
        string[] texts = ["text", "varchar", "character varying"];
        return (integers.Contains(ea, StringComparer.OrdinalIgnoreCase) && integers.Contains(eb, StringComparer.OrdinalIgnoreCase))
            || (texts.Contains(Unsized(ea), StringComparer.OrdinalIgnoreCase) && texts.Contains(Unsized(eb), StringComparer.OrdinalIgnoreCase));

        static string Unsized(string element) => element.IndexOf('(', StringComparison.Ordinal) is var at and > 0 ? element[..at].TrimEnd() : element;

        static bool IsEnum(IReadOnlyList<EnumTypeModel> enums, string name) => enums.Any(e => string.Equals(e.QualifiedName, name, StringComparison.OrdinalIgnoreCase));
        static int Dimensions(string native)
        {
            var (t, n) = (native.Trim(), 0);
            for (; t.EndsWith("[]", StringComparison.Ordinal); n++) t = t[..^2].TrimEnd();
            return n;
        }
    }

    /// <summary>The column holds numbers (integers, decimals, floats, PostgreSQL's unconstrained numeric).</summary>
    public static bool IsNumber(ColumnType t) => Family(t) == "number";

    private static bool IsFloat(ColumnType t) => t.Kind is PortableType.Float32 or PortableType.Float64;

    private static bool IsInteger(ColumnType t) => t.Kind is PortableType.Int16 or PortableType.Int32 or PortableType.Int64;

    /// <summary>
    /// Booleans, numbers, dates, times and timestamps: the kinds a load converts into each other without a word (text,
    /// uuids, bytes and engine types have a value check that refuses a value that does not read back as it was).
    /// </summary>
    public static bool IsScalar(ColumnType t) => t.Kind is PortableType.Boolean or PortableType.Int16 or PortableType.Int32 or PortableType.Int64
        or PortableType.Decimal or PortableType.Float32 or PortableType.Float64 or PortableType.Date or PortableType.Time or PortableType.Timestamp or PortableType.TimestampTz;

    /// <summary>The column holds text (<c>string(n)</c> or <c>text</c>).</summary>
    public static bool IsText(ColumnType t) => Family(t) == "text";

    private static string Family(ColumnType t) => t.Kind switch
    {
        PortableType.Int16 or PortableType.Int32 or PortableType.Int64 or PortableType.Decimal or PortableType.Float32 or PortableType.Float64 => "number",
        PortableType.Native when string.Equals(t.Native, "numeric", StringComparison.OrdinalIgnoreCase) => "number",
        PortableType.String or PortableType.Text => "text",
        // MariaDB's UUID reads as the text MariaDB prints, the portable uuid's canonical text (break test 18, M6: UUID →
        // PostgreSQL → MariaDB arrives as the portable uuid's CHAR(36), and could not be compared with the original)
        PortableType.Native when string.Equals(t.Native?.Trim(), "uuid", StringComparison.OrdinalIgnoreCase) => "uuid",
        PortableType.Uuid => "uuid",
        PortableType.Json => "json",
        PortableType.Native when string.Equals(t.Native, "json", StringComparison.OrdinalIgnoreCase) => "json",
        PortableType.Date or PortableType.Timestamp => "date",
        PortableType.Native => "native:" + t.Native?.ToLowerInvariant(),
        _ => t.Kind.ToString(),
    };
}
