using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Linq.Expressions;

namespace NexuSql.MySql;

/// <summary>
/// What NexuSQL knows about each MySQL driver it can find, by type name (the provider references neither): the
/// connection options that make values read as stored, and its date type that can hold what DateTime cannot.
/// </summary>
internal static class MySqlDriver
{
    public const string MySqlConnectorFactory = "MySqlConnector.MySqlConnectorFactory";
    public const string MySqlDataFactory = "MySql.Data.MySqlClient.MySqlClientFactory";

    /// <summary>
    /// Options that stop the driver converting values lossily, in each driver's own spelling. TINYINT(1) reads as the
    /// number it holds (2, -1 and 127 stay themselves), CHAR(36) stays text (MySqlConnector; MySql.Data's "Old Guids"
    /// would read BINARY(16) as Guid instead, so it is left alone), zero and partial dates ('0000-00-00',
    /// '2020-05-00') read as the driver's MySqlDateTime instead of failing the whole read, and MySqlConnector may send
    /// LOAD DATA LOCAL for the bulk path (it serves only its own streams, never a file the server names).
    /// </summary>
    public static IReadOnlyList<(string Key, string Value)> ReadAsStoredOptions(DbProviderFactory factory) => factory.GetType().FullName switch
    {
        MySqlConnectorFactory =>
        [
            ("Treat Tiny As Boolean", "false"),
            ("GUID Format", "None"),
            ("Allow Zero DateTime", "true"),
            ("Convert Zero DateTime", "false"),
            ("Allow Load Local Infile", "true"),
        ],
        MySqlDataFactory =>
        [
            ("Treat Tiny As Boolean", "false"),
            ("Allow Zero Datetime", "true"),
            ("Convert Zero Datetime", "false"),
        ],
        _ => [],
    };

    /// <summary>
    /// The options whose other values make the driver change values as it reads or writes them, each with the value
    /// NexuSQL holds it at and what another value does, in the driver's own spelling. A URL may give one only in that
    /// value (<c>treat_tiny_as_boolean=false</c>); another value is refused before anything is read or written.
    /// </summary>
    public static IReadOnlyList<(string Key, string Value, string Harm)> ValueKeepingOptions(DbProviderFactory factory) => factory.GetType().FullName switch
    {
        MySqlConnectorFactory =>
        [
            ("Treat Tiny As Boolean", "false", TinyAsBoolean),
            ("GUID Format", "None", GuidFormat),
            ("Old Guids", "false", GuidFormat),
            ("Allow Zero DateTime", "true", AllowZero),
            ("Convert Zero DateTime", "false", ConvertZero),
            ("CharSet", "utf8mb4", CharSet),
            ("No Backslash Escapes", "false", Backslashes),
        ],
        MySqlDataFactory =>
        [
            ("Treat Tiny As Boolean", "false", TinyAsBoolean),
            ("Old Guids", "false", GuidFormat),
            ("Allow Zero Datetime", "true", AllowZero),
            ("Convert Zero Datetime", "false", ConvertZero),
            ("CharSet", "utf8mb4", CharSet),
            ("Treat Blobs As UTF8", "false", "BLOB and BINARY columns are read as UTF-8 text: bytes that are not UTF-8 become U+FFFD"),
            ("Respect Binary Flags", "true", "binary strings are read as text: bytes that are not text in the connection's character set are replaced"),
            ("Functions Return String", "false", "numbers and dates that functions return are read as text"),
        ],
        _ => [],
    };

    private const string TinyAsBoolean = "a TINYINT(1) is read as true or false: 2 and -1 become 1";
    private const string GuidFormat = "CHAR(36) or BINARY(16) columns are read as GUIDs: upper-case text becomes lower case, bytes may be reordered";
    private const string AllowZero = "a zero or partial date ('0000-00-00', '2020-05-00') can no longer be read";
    private const string ConvertZero = "a zero date '0000-00-00' is read as 0001-01-01";
    private const string CharSet = "characters that the connection's character set cannot hold (4-byte Unicode such as emoji under utf8/utf8mb3) become '?'";
    private const string Backslashes = "strings are sent without escaping backslashes, which a server without NO_BACKSLASH_ESCAPES in its sql_mode then reads as escapes: 'a\\nb' becomes a line break";

    private static readonly ConcurrentDictionary<Type, Func<object, object>?> DateAdapters = new();

    /// <summary>
    /// The adapter for the driver's MySqlDateTime (same shape in both drivers): a valid date becomes its DateTime, a zero,
    /// partial or invalid one its MySQL text ('0000-00-00', '2020-05-00 10:00:00', '2020-02-30'), which no date parser accepts, so reading
    /// it as a date fails by name instead of turning into another date.
    /// </summary>
    public static (Type Type, Func<object, object> Adapt)? DateTimeAdapter(DbProviderFactory factory)
    {
        var typeName = factory.GetType().FullName switch
        {
            MySqlConnectorFactory => "MySqlConnector.MySqlDateTime",
            MySqlDataFactory => "MySql.Data.Types.MySqlDateTime",
            _ => null,
        };
        if (typeName is null || factory.GetType().Assembly.GetType(typeName) is not { } type) return null;
        return DateAdapters.GetOrAdd(type, Build) is { } adapt ? (type, adapt) : null;
    }

    private static Func<object, object>? Build(Type type)
    {
        if (FieldsOf(type) is not { } fields) return null;
        // the drivers' IsValidDateTime is true for '2020-02-30' (no part is zero), whose ToDateTime then throws
        return v => fields(v) is var f && Data.MySqlTemporalText.Representable(f) ? Data.MySqlTemporalText.ToDateTime(f) : Data.MySqlTemporalText.Spelling(f);
    }

    private static readonly ConcurrentDictionary<Type, Func<object, int[]>?> FieldReaders = new();

    /// <summary>
    /// The fields (year, month, day, hour, minute, second, microsecond) of a value of the driver's MySqlDateTime type;
    /// null for any other type.
    /// </summary>
    public static int[]? Fields(object value) =>
        FieldReaders.GetOrAdd(value.GetType(), t => t.Name == "MySqlDateTime" ? FieldsOf(t) : null) is { } read ? read(value) : null;

    private static Func<object, int[]>? FieldsOf(Type type)
    {
        string[] parts = ["Year", "Month", "Day", "Hour", "Minute", "Second", "Microsecond"];
        if (type.GetProperty("IsValidDateTime")?.PropertyType != typeof(bool) || !typeof(IConvertible).IsAssignableFrom(type)
            || parts.Any(p => type.GetProperty(p)?.PropertyType != typeof(int)))
            return null;
        var boxed = Expression.Parameter(typeof(object), "v");
        var value = Expression.Convert(boxed, type);
        return Expression.Lambda<Func<object, int[]>>(
            Expression.NewArrayInit(typeof(int), parts.Select(p => Expression.Property(value, p))), boxed).Compile();
    }
}
