namespace NexuSql.Dialects;

public partial class PostgreSqlDialect
{
    /// <inheritdoc/>
    public override RoutineSupport Routines { get; } = new() { Functions = true, Procedures = true, Triggers = true, Policies = true };

    /// <summary>
    /// The routine's CREATE text after <c>SET check_function_bodies = false</c> (as pg_dump does): a SQL function may
    /// name tables that are created after it. Two statements, to run on one connection (as every plan is).
    /// </summary>
    public override IReadOnlyList<string> CreateRoutineSql(Schema.RoutineModel routine)
    {
        ArgumentNullException.ThrowIfNull(routine);
        return ["SET check_function_bodies = false", routine.Sql];
    }

    /// <summary>
    /// <c>CREATE OR REPLACE</c> text replaces the routine in place (triggers that call it stay); other text drops it
    /// first.
    /// </summary>
    public override IReadOnlyList<string> ReplaceRoutineSql(Schema.RoutineModel current, Schema.RoutineModel desired)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(desired);
        return ReplaceDropsRoutine(current, desired) is null ? CreateRoutineSql(desired) : [DropRoutineSql(current), .. CreateRoutineSql(desired)];
    }

    /// <summary>
    /// <c>CREATE OR REPLACE</c> keeps the routine (and what calls it) unless its kind or its return type changes:
    /// PostgreSQL refuses that (42P13), so it is dropped and created.
    /// </summary>
    public override string? ReplaceDropsRoutine(Schema.RoutineModel current, Schema.RoutineModel desired)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(desired);
        if (current.IsProcedure != desired.IsProcedure) return "it changes between function and procedure";
        if (!CreateOrReplace().IsMatch(desired.Sql)) return "its text is not CREATE OR REPLACE";
        var (before, after) = (ReturnType(current.Sql), ReturnType(desired.Sql));
        if (!string.Equals(before, after, StringComparison.OrdinalIgnoreCase)) return $"its return type changes ({before} → {after}), which CREATE OR REPLACE cannot do";
        var (was, now) = (Parameters(current.Sql), Parameters(desired.Sql));
        if (!was.Select(p => p.Declared).SequenceEqual(now.Select(p => p.Declared), StringComparer.Ordinal))
            return "its parameters change (a name, a mode or an OUT parameter), which CREATE OR REPLACE cannot do";
        return was.Zip(now).Any(p => p.First.HasDefault && !p.Second.HasDefault) ? "it loses a parameter default, which CREATE OR REPLACE cannot do" : null;
    }

    /// <summary>
    /// PostgreSQL's identity of a routine: its schema, its name (case kept: <c>f</c> and <c>"F"</c> are two) and its input
    /// argument types (<c>pg_proc.proargtypes</c>; OUT parameters, names and VARIADIC left out), whatever its kind: a
    /// function and a procedure of one name and input types cannot both exist (bt53 O16: <c>f(x int, OUT y int)</c> and
    /// <c>f(x int, OUT z int)</c> were planned as a create and a drop, and the drop took the function just replaced).
    /// </summary>
    internal override bool SameRoutine(Schema.RoutineModel a, Schema.RoutineModel b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return string.Equals(a.Name, b.Name, StringComparison.Ordinal) && a.Schema == b.Schema
            && (a.Arguments is null || b.Arguments is null || InputTypes(a.Arguments).SequenceEqual(InputTypes(b.Arguments), StringComparer.Ordinal));
    }

    // format_type's spellings of more than one word (pg_get_function_identity_arguments writes a name before the type)
    private static readonly string[][] TypeWords =
    [
        ["character", "varying"], ["double", "precision"], ["bit", "varying"], ["time", "with", "time", "zone"], ["time", "without", "time", "zone"],
        ["timestamp", "with", "time", "zone"], ["timestamp", "without", "time", "zone"],
    ];

    /// <summary>The input argument types of a <c>pg_get_function_identity_arguments</c> list (<c>IN x integer, OUT y text</c> → <c>integer</c>).</summary>
    private static IEnumerable<string> InputTypes(string arguments)
    {
        foreach (var argument in TopLevelParts(arguments))
        {
            var words = Words(argument);
            if (words.Count == 0) continue;
            if (words[0].ToLowerInvariant() is "in" or "out" or "inout" or "variadic" && words.Count > 1)
            {
                if (words[0].Equals("out", StringComparison.OrdinalIgnoreCase)) continue;
                words.RemoveAt(0);
            }
            var lower = words.Select(w => w.StartsWith('"') ? w : w.ToLowerInvariant()).ToList();
            var last = lower.Count == 0 ? "" : lower[^1];
            var array = last.EndsWith("[]", StringComparison.Ordinal) ? last[last.IndexOf('[', StringComparison.Ordinal)..] : "";
            lower[^1] = last[..^array.Length];
            var multi = TypeWords.FirstOrDefault(t => t.Length <= lower.Count && lower[^t.Length..].SequenceEqual(t));
            yield return string.Join(' ', multi ?? [lower[^1]]) + array;
        }

        static List<string> Words(string text)
        {
            var words = new List<string>();
            for (var i = 0; i < text.Length;)
            {
                if (char.IsWhiteSpace(text[i])) { i++; continue; }
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]))
                    if (text[i++] == '"') while (i < text.Length && text[i++] != '"') { }
                words.Add(text[start..i]);
            }
            return words;
        }
    }

    /// <summary>A CREATE FUNCTION/PROCEDURE header's parameters as declared (spacing and case outside quotes normalised, defaults cut off), and whether each has a default.</summary>
    private static IReadOnlyList<(string Declared, bool HasDefault)> Parameters(string sql)
    {
        var open = sql.IndexOf('(', StringComparison.Ordinal);
        if (open < 0) return [];
        return [.. TopLevelParts(sql[(open + 1)..MatchingParenthesis(sql, open)]).Select(p => DefaultClause().Match(p) is { Success: true } m
            ? (Schema.SqlText.Normalize(p[..m.Index]), true) : (Schema.SqlText.Normalize(p), false))];
    }

    /// <summary>The RETURNS clause of a CREATE FUNCTION, spaces squashed (<c>bigint</c>, <c>TABLE(id integer)</c>), or "none".</summary>
    private static string ReturnType(string sql) =>
        Returns().Match(sql) is { Success: true } m ? string.Join(' ', m.Groups["type"].Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) : "none";

    [System.Text.RegularExpressions.GeneratedRegex(@"\bRETURNS\s+(?<type>(?:SETOF\s+)?(?:TABLE\s*\([^)]*\)|[^\s(]+(?:\s*\([^)]*\))?(?:\s+(?:varying|precision|with(?:out)?\s+time\s+zone))*(?:\[\])?))",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex Returns();

    /// <summary><c>DROP FUNCTION name(argument types)</c>: PostgreSQL tells overloads apart by their arguments.</summary>
    public override string DropRoutineSql(Schema.RoutineModel routine)
    {
        ArgumentNullException.ThrowIfNull(routine);
        return $"DROP {(routine.IsProcedure ? "PROCEDURE" : "FUNCTION")} {QuoteName(routine.Schema, routine.Name)}({routine.Arguments})";
    }

    /// <summary>
    /// CREATE TRIGGER (or CREATE RULE), then <c>ALTER TABLE ... DISABLE TRIGGER</c> (or <c>ENABLE REPLICA</c> /
    /// <c>ENABLE ALWAYS</c>; <c>... RULE</c> for a rule) for its state.
    /// </summary>
    public override IReadOnlyList<string> CreateTriggerSql(Schema.TriggerModel trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        string? Keyword(string? state) => state switch
        {
            null => null,
            "enabled" => "ENABLE",
            "disabled" => "DISABLE",
            "replica" => "ENABLE REPLICA",
            "always" => "ENABLE ALWAYS",
            _ => throw new NotSupportedException($"PostgreSQL has no {trigger.Kind} state \"{state}\" ({trigger.Kind} {trigger.Name} on {trigger.QualifiedTable}); use disabled, replica or always."),
        };
        var what = $"{(trigger.Rule ? "RULE" : "TRIGGER")} {QuoteIdentifier(trigger.Name)}";
        // ALTER TABLE works on a view's rules too (PostgreSQL: "ALTER TABLE ... DISABLE RULE")
        var statements = new List<string> { trigger.Sql };
        if (Keyword(trigger.State == "enabled" ? null : trigger.State) is { } own) statements.Add($"ALTER TABLE {QuoteName(trigger.Schema, trigger.Table)} {own} {what}");
        // the partitions' clones the CREATE TRIGGER made, each in its own state (break test 25 F5)
        foreach (var p in trigger.PartitionStates ?? [])
            statements.Add($"ALTER TABLE {QuoteName(trigger.Schema, p.Table)} {Keyword(p.State)} {what}");
        if (trigger.Comment is { } comment && !trigger.Rule)
            statements.Add($"COMMENT ON TRIGGER {QuoteIdentifier(trigger.Name)} ON {QuoteName(trigger.Schema, trigger.Table)} IS {CommentLiteral(comment)}");
        return statements;
    }

    /// <inheritdoc/>
    public override string DropTriggerSql(Schema.TriggerModel trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return $"DROP {(trigger.Rule ? "RULE" : "TRIGGER")} {QuoteIdentifier(trigger.Name)} ON {QuoteName(trigger.Schema, trigger.Table)}";
    }

    /// <summary>
    /// A SQL-standard body (<c>BEGIN ATOMIC ... END</c>, <c>RETURN expression</c>) is parsed when the function is
    /// created, tables included, whatever <c>check_function_bodies</c> says; a string body (<c>AS $$ ... $$</c>) is not.
    /// A standard body that names no table or view of <paramref name="schema"/> reads none: it is created before the
    /// tables, so that a check or default may call it (bt49 M1: <c>RETURN n &gt; 0</c> in a check failed every PostgreSQL
    /// to PostgreSQL apply, copy and restore with 42883).
    /// A routine whose arguments or result are a table's row type (<c>RETURNS SETOF film</c>, <c>f(x film)</c>,
    /// <c>RETURNS TABLE (r film)</c>, arrays of them) needs that table whatever its body: PostgreSQL resolves the types
    /// when it is created (42704 "type film does not exist" before the tables; break test 26 G9).
    /// </summary>
    public override bool RoutineNeedsTables(Schema.RoutineModel routine, Schema.SchemaModel? schema = null)
    {
        ArgumentNullException.ThrowIfNull(routine);
        var body = StringBody().Match(routine.Sql);
        if (!body.Success && StandardBody().Match(routine.Sql) is { Success: true } standard
            && (schema is null || NamesRelation(routine.Sql[standard.Index..], schema))) return true;
        if (schema is null || schema.Tables.Count == 0) return false;
        var header = routine.Sql[..(body.Success ? body.Index : StandardBody().Match(routine.Sql) is { Success: true } m ? m.Index : routine.Sql.Length)];
        return TypesOfHeader(header).Any(type => schema.Tables.Any(t => SameTypeName(type, t)));
    }

    /// <inheritdoc/>
    internal override bool RoutineBodyCheckedAtCreation(Schema.RoutineModel routine)
    {
        ArgumentNullException.ThrowIfNull(routine);
        return !StringBody().IsMatch(routine.Sql) && StandardBody().IsMatch(routine.Sql);
    }

    /// <inheritdoc/>
    internal override bool RoutineNeedsViews(Schema.RoutineModel routine, Schema.SchemaModel schema)
    {
        ArgumentNullException.ThrowIfNull(routine);
        ArgumentNullException.ThrowIfNull(schema);
        return RoutineBodyCheckedAtCreation(routine) && StandardBody().Match(routine.Sql) is { Success: true } standard
            && schema.Views.Any(v => Named(routine.Sql[standard.Index..], v.Name));
    }

    /// <summary>
    /// Whether <paramref name="body"/> names a table, view or standalone sequence of <paramref name="schema"/> as a word
    /// (quoted or not, any case): PostgreSQL resolves <c>nextval('sq')</c>'s regclass literal when it parses a standard
    /// body, so such a function comes after the sequences (bt52 N4: 42P01 before them).
    /// A sequence call (<c>nextval</c>, <c>currval</c>, <c>setval</c>) where the schema has tables counts too: it may name
    /// a serial or identity column's own sequence (<c>nextval('t_id_seq')</c>), made with its table (bt53 O7: apply failed
    /// with 42P01, copy and restore exited 0 without the function).
    /// </summary>
    private static bool NamesRelation(string body, Schema.SchemaModel schema) =>
        schema.Tables.Select(t => t.Name).Concat(schema.Views.Select(v => v.Name)).Concat(schema.Sequences.Select(q => q.Name)).Any(name => Named(body, name))
        || (schema.Tables.Count > 0 && SequenceCall().IsMatch(body));

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\w$])(nextval|currval|setval)\s*\(", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex SequenceCall();

    private static bool Named(string body, string name) =>
        System.Text.RegularExpressions.Regex.IsMatch(body, $@"(?<![\w$]){System.Text.RegularExpressions.Regex.Escape(name)}(?![\w$])", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    /// <summary>The type names of a CREATE FUNCTION/PROCEDURE header: each argument's, the result's and a result table's columns' (array brackets dropped).</summary>
    private static IEnumerable<string> TypesOfHeader(string header)
    {
        var open = header.IndexOf('(', StringComparison.Ordinal);
        if (open < 0) yield break;
        var close = MatchingParenthesis(header, open);
        foreach (var argument in TopLevelParts(header[(open + 1)..close])) yield return LastType(argument);
        var returns = ReturnsClause().Match(header, close);
        if (!returns.Success) yield break;
        if (returns.Groups["table"].Success)
        {
            var start = header.IndexOf('(', returns.Groups["table"].Index);
            foreach (var column in TopLevelParts(header[(start + 1)..MatchingParenthesis(header, start)])) yield return LastType(column);
        }
        else yield return returns.Groups["type"].Value.TrimEnd('[', ']');

        // an argument is [mode] [name] type [DEFAULT expr | = expr]: its type is the last word before the default
        static string LastType(string argument)
        {
            var cut = DefaultClause().Match(argument);
            var words = (cut.Success ? argument[..cut.Index] : argument).Trim().Split((char[])[' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
            return words.Length == 0 ? "" : words[^1].Replace("[]", "", StringComparison.Ordinal);
        }
    }

    private static int MatchingParenthesis(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')' && --depth == 0) return i;
        }
        return text.Length;
    }

    private static IEnumerable<string> TopLevelParts(string list)
    {
        var (depth, start) = (0, 0);
        for (var i = 0; i < list.Length; i++)
        {
            if (list[i] == '(') depth++;
            else if (list[i] == ')') depth--;
            else if (list[i] == ',' && depth == 0)
            {
                yield return list[start..i];
                start = i + 1;
            }
        }
        if (list.Trim().Length > 0) yield return list[start..];
    }

    /// <summary>Whether <paramref name="type"/> as a header spells it (<c>film</c>, <c>app.film</c>, <c>"Film"</c>) names <paramref name="table"/>'s row type.</summary>
    private static bool SameTypeName(string type, Schema.TableModel table)
    {
        var dot = type.StartsWith('"') ? type.IndexOf("\".", StringComparison.Ordinal) + 1 : type.IndexOf('.', StringComparison.Ordinal);
        var (schema, name) = dot > 0 && dot < type.Length && type[dot] == '.' ? (Unquote(type[..dot]), Unquote(type[(dot + 1)..])) : (null, Unquote(type));
        return name == table.Name && (schema is null || table.Schema is null || schema == table.Schema);

        static string Unquote(string word) => word.Length > 1 && word[0] == '"' && word[^1] == '"' ? word[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : word.ToLowerInvariant();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bRETURNS\s+(?:SETOF\s+)?(?:(?<table>TABLE\s*)(?=\()|(?<type>(?:""[^""]+""|[\w$]+)(?:\.(?:""[^""]+""|[\w$]+))?(?:\[\])*))", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex ReturnsClause();

    [System.Text.RegularExpressions.GeneratedRegex(@"(\bDEFAULT\b|=)", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex DefaultClause();

    [System.Text.RegularExpressions.GeneratedRegex(@"\sAS\s+(\$[A-Za-z_0-9]*\$|')", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex StringBody();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(BEGIN\s+ATOMIC|RETURN)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex StandardBody();

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*CREATE\s+OR\s+REPLACE\s", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex CreateOrReplace();

    /// <summary>
    /// <c>row_security = off</c> (as pg_dump sets it): a table whose row-level security would hide rows from this user
    /// makes the read fail instead of quietly giving fewer rows to a backup, copy or comparison; statement, lock and
    /// idle-in-transaction timeouts off (as pg_dump sets them). And the
    /// <see cref="SessionSettings"/> once more: a database wrapped around the application's own data source
    /// (<see cref="NexuSqlDatabase.Create"/>) or opened from a connection string did not get them at connect time.
    /// </summary>
    public override IReadOnlyList<string> DataSessionSql => ["SET row_security = off", SetConfigSql(local: false), .. NoTimeouts.Select(t => $"SET {t} = 0")];

    /// <inheritdoc/>
    /// <remarks>RESET goes back to the session's default, which for a database opened from a URL is the pinned value itself.</remarks>
    public override IReadOnlyList<string> DataSessionEndSql => ["RESET row_security", .. SessionSettings.Select(s => $"RESET {s.Key}"), .. NoTimeouts.Select(t => $"RESET {t}")];

    /// <summary>
    /// The statement, lock and idle-in-transaction timeouts off while NexuSQL reads the catalog, as in its data sessions
    /// (bt35 M6: a database with <c>statement_timeout</c> or <c>lock_timeout</c> set failed the schema read of a backup
    /// or copy with a raw 57014 or 55P03).
    /// </summary>
    public override IReadOnlyList<string> CatalogSessionSql => [.. NoTimeouts.Select(t => $"SET {t} = 0")];

    /// <inheritdoc/>
    public override IReadOnlyList<string> CatalogSessionEndSql => [.. NoTimeouts.Select(t => $"RESET {t}")];

    // the database's or role's own timeouts, off for backup, restore, copy and verify as pg_dump and pg_restore turn
    // them off (bt35 M6: a database with statement_timeout = '300ms' failed every load with a raw 57014); the URL's
    // statement_timeout is the driver's command timeout, not these
    private static readonly string[] NoTimeouts = ["statement_timeout", "lock_timeout", "idle_in_transaction_session_timeout"];

    /// <summary>
    /// The server settings that change how values and expressions are written as text, pinned to fixed values as
    /// pg_dump pins them: <c>DateStyle=ISO</c> (dates in arrays and ranges are not read day-first),
    /// <c>IntervalStyle=postgres</c>, <c>extra_float_digits=3</c> (floats in arrays and geometric types keep every
    /// digit), <c>TimeZone=UTC</c> (timestamptz in arrays and ranges is written the same on both sides),
    /// <c>standard_conforming_strings=on</c> (a backslash in a default or CHECK expression is read and written as
    /// itself) and <c>bytea_output=hex</c>. A value read on one server and compared with one read on another is then
    /// the same text when it is the same value, whatever the database's or role's own settings.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> SessionSettings { get; } =
    [
        new("DateStyle", "ISO"),
        new("IntervalStyle", "postgres"),
        new("extra_float_digits", "3"),
        new("TimeZone", "UTC"),
        new("standard_conforming_strings", "on"),
        new("bytea_output", "hex"),
    ];

    /// <summary>One statement setting every <see cref="SessionSettings"/> entry, for the session or (<paramref name="local"/>) the transaction.</summary>
    private string SetConfigSql(bool local) =>
        "SELECT " + string.Join(", ", SessionSettings.Select(s => $"pg_catalog.set_config('{s.Key}', '{s.Value}', {(local ? "true" : "false")})"));
}
