using System.Text;
using NexuSql.Schema;

namespace NexuSql.Dialects;

public abstract partial class SqlDialect
{
    /// <summary>What the engine's indexes can be beyond plain B-tree columns (nothing unless a dialect says so).</summary>
    public virtual IndexSupport Indexes => IndexSupport.Plain;

    /// <summary>
    /// <c>CREATE [UNIQUE] INDEX name ON table [USING method] (key parts) [INCLUDE (...)] [NULLS NOT DISTINCT] [WITH (storage)] [WHERE predicate]</c>.
    /// Expressions and predicates are the model's SQL; PostgreSQL casts (<c>::text</c>) are written in their
    /// normalised form where the engine reads none, and MySQL backticks are requoted.
    /// </summary>
    /// <exception cref="NotSupportedException">The engine cannot create the index as it is (see <see cref="IndexSupport.Unsupported"/>); never written weaker.</exception>
    public virtual string CreateIndexSql(string table, IndexModel index, string? schema = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (Indexes.Unsupported(index, Engine) is { } reason) throw new NotSupportedException($"index {index.Name} on {table}: {reason}.");
        var sb = new StringBuilder($"CREATE {(index.Unique ? "UNIQUE " : "")}INDEX {QuoteIdentifier(index.Name)} ON {QuoteName(schema, table)}");
        if (!IndexModel.IsDefaultMethod(index.Method)) sb.Append(" USING ").Append(index.Method!.ToLowerInvariant());
        sb.Append(" (").Append(string.Join(", ", index.Columns.Select(IndexPartSql))).Append(')');
        if (index.Include is { Count: > 0 } include) sb.Append(" INCLUDE (").Append(string.Join(", ", include.Select(QuoteIdentifier))).Append(')');
        if (index.NullsNotDistinct) sb.Append(" NULLS NOT DISTINCT");
        if (index.StorageParameters is { Count: > 0 } storage && Indexes.StorageParameters) sb.Append(" WITH (").Append(string.Join(", ", storage)).Append(')');
        if (index.Where is { } where) sb.Append(" WHERE ").Append(ExpressionSql(where));
        return sb.ToString();
    }

    /// <summary>One key part: <c>"col"(10) opclass DESC NULLS LAST</c> or <c>(expression) DESC</c>.</summary>
    protected virtual string IndexPartSql(IndexColumn part)
    {
        ArgumentNullException.ThrowIfNull(part);
        var sb = new StringBuilder(part.Expression is { } e ? $"({ExpressionSql(e)})" : QuoteIdentifier(part.Name!));
        if (part.Length is { } length) sb.Append('(').Append(length.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(')');
        if (part.Collation is { } collation) sb.Append(' ').Append(CollationSql(collation));
        if (part.OperatorClass is { } opclass) sb.Append(' ').Append(opclass);
        if (part.Descending) sb.Append(" DESC");
        if (part.Nulls is { } nulls) sb.Append(" NULLS ").Append(nulls.ToUpperInvariant());
        return sb.ToString();
    }

    /// <summary>Expression text of the model for this engine: PostgreSQL casts normalised away where it reads none, backticks requoted.</summary>
    public string ExpressionSql(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return Requote(!SupportsPostgreSqlCasts && expression.Contains("::", StringComparison.Ordinal) ? SqlExpressionText.WithoutCasts(expression) : expression);
    }
}
