using NexuSql.Schema;

namespace NexuSql.PostgreSql.Tests;

/// <summary>
/// Functions (with overloads), procedures, triggers, row-level security and policies: read → written to an empty
/// database → read again gives the identical model; the objects of an extension are left out.
/// </summary>
public sealed class PostgreSqlRoutineReaderTests(PostgreSqlFixture fixture) : IClassFixture<PostgreSqlFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Routines_triggers_and_policies_read_write_read_to_the_identical_model()
    {
        await using var source = await fixture.Database.Provider.CreateScratchDatabaseAsync(fixture.Database, Ct);
        var db = source.Database;
        foreach (var sql in new[]
        {
            "CREATE FUNCTION add(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT a + b $$",
            "CREATE FUNCTION add(a numeric, b numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT a + b $$",
            // a default that calls a function: the function must exist before the table
            "CREATE TABLE accounts (id integer PRIMARY KEY DEFAULT add(1, 1), owner text NOT NULL, balance numeric NOT NULL DEFAULT 0)",
            "CREATE PROCEDURE credit(p_id integer, p_amount numeric) LANGUAGE sql AS $$ UPDATE accounts SET balance = balance + p_amount WHERE id = p_id $$",
            "CREATE FUNCTION no_negative() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.balance < 0 THEN RAISE EXCEPTION 'negative'; END IF; RETURN NEW; END $$",
            "CREATE TRIGGER accounts_no_negative BEFORE INSERT OR UPDATE OF balance ON accounts FOR EACH ROW WHEN (NEW.owner <> 'bank') EXECUTE FUNCTION no_negative()",
            "ALTER TABLE accounts ENABLE ROW LEVEL SECURITY",
            "CREATE POLICY owner_reads ON accounts FOR SELECT TO PUBLIC USING (owner = current_user)",
            "CREATE POLICY no_bank_writes ON accounts AS RESTRICTIVE FOR INSERT TO CURRENT_USER WITH CHECK (owner <> 'bank')",
            "CREATE EXTENSION IF NOT EXISTS pgcrypto",
        }) await db.ExecuteRawAsync(sql, Ct);

        var model = await db.Provider.ReadSchemaAsync(db, Ct);
        Assert.Equal(["add(a integer, b integer)", "add(a numeric, b numeric)", "credit(IN p_id integer, IN p_amount numeric)", "no_negative()"], model.Routines!.Select(r => r.Signature));
        Assert.Equal("procedure", model.Routines!.Single(r => r.Name == "credit").Kind);
        Assert.Contains("WHEN ((new.owner <> 'bank'::text))", Assert.Single(model.Triggers!).Sql, StringComparison.Ordinal);
        Assert.Equal(["no_bank_writes", "owner_reads"], model.Policies!.Select(p => p.Name));
        Assert.Contains("AS RESTRICTIVE FOR INSERT TO postgres WITH CHECK", model.Policies![0].Sql, StringComparison.Ordinal);
        Assert.True(model.Table("accounts")!.RowLevelSecurity);
        Assert.False(model.Table("accounts")!.ForceRowLevelSecurity);

        await using var target = await fixture.Database.Provider.CreateScratchDatabaseAsync(fixture.Database, Ct);
        var plan = SchemaDiff.Plan(new SchemaModel([]), model, target.Database.Dialect);
        Assert.Empty(plan.Refused);
        await using (var session = await target.Database.OpenSessionAsync(Ct)) // a plan runs on one connection
            foreach (var sql in plan.Statements) await session.ExecuteRawAsync(sql, Ct);
        var again = await target.Database.Provider.ReadSchemaAsync(target.Database, Ct);
        Assert.Equal(model.ToJson(), again.ToJson());
        Assert.True(SchemaDiff.Plan(model, again, target.Database.Dialect, compareViewText: true).IsEmpty);

        // the overloads stay apart: dropping one names its argument types
        var oneLess = again with { Routines = [.. again.Routines!.Where(r => r.Signature != "add(a numeric, b numeric)")] };
        Assert.Equal("DROP FUNCTION \"add\"(a numeric, b numeric)", Assert.Single(SchemaDiff.Plan(again, oneLess, target.Database.Dialect, allowDrop: true).Statements));
    }
}
