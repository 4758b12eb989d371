using System.Text.Json.Serialization;

namespace NexuSql.Schema;

public sealed partial record TableModel
{
    /// <summary>
    /// Row-level security is enabled on the table (PostgreSQL <c>ALTER TABLE ... ENABLE ROW LEVEL SECURITY</c>): its
    /// <see cref="SchemaModel.Policies"/> decide which rows a role other than the owner sees.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool RowLevelSecurity { get; init; }

    /// <summary>Row-level security applies to the table's owner too (<c>FORCE ROW LEVEL SECURITY</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ForceRowLevelSecurity { get; init; }
}
