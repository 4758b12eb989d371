namespace NexuSql.MySql.Tests;

/// <summary>SHOW GRANTS lines as MariaDB 10.11 prints them, read into what the schema reader asks (bt35 H2).</summary>
public sealed class MySqlGrantsTests
{
    [Fact]
    public void A_select_only_account_sees_every_table_but_no_trigger_nor_others_routines()
    {
        var g = MySqlGrants.FromLines("'ro'@'%'", ["GRANT USAGE ON *.* TO `ro`@`%`", "GRANT SELECT ON `shop`.* TO `ro`@`%`", "GRANT EXECUTE ON PROCEDURE `shop`.`p1` TO `ro`@`%`"]);
        Assert.True(g.Holds("SELECT", "shop", "ord"));
        Assert.False(g.Holds("TRIGGER", "shop", "ord"));
        Assert.False(g.Holds("SELECT", "mysql", "proc"));
        Assert.True(g.SeesEveryTable("shop"));
        Assert.False(g.SeesEveryTable("other"));
        Assert.False(g.SelectsSomeColumnsOnly("shop", "ord"));
    }

    [Fact]
    public void Column_and_table_grants_are_told_apart()
    {
        var g = MySqlGrants.FromLines("'rc'@'%'", ["GRANT USAGE ON *.* TO `rc`@`%`", "GRANT SELECT ON `shop`.`cust` TO `rc`@`%`",
            "GRANT SELECT (`id`, `cust_id`), INSERT (`id`) ON `shop`.`ord` TO `rc`@`%`"]);
        Assert.True(g.SelectsSomeColumnsOnly("shop", "ord"));
        Assert.False(g.SelectsSomeColumnsOnly("shop", "cust"));
        Assert.False(g.SeesEveryTable("shop"));
        Assert.True(g.Holds("SELECT", "shop", "cust"));
    }

    [Fact]
    public void All_privileges_role_grants_and_database_patterns_count()
    {
        var root = MySqlGrants.FromLines("'root'@'localhost'", ["GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION", "GRANT PROXY ON ''@'%' TO 'root'@'localhost' WITH GRANT OPTION"]);
        Assert.True(root.Holds("TRIGGER", "any", "t"));
        Assert.True(root.Holds("SELECT", "mysql", "proc"));
        Assert.True(root.HoldsDatabaseWide("CREATE ROUTINE", "any"));
        // MariaDB lists the active role's grants after the account's own
        var role = MySqlGrants.FromLines("'u'@'%'", ["GRANT `bk` TO `u`@`%`", "GRANT USAGE ON *.* TO `u`@`%`", "GRANT SELECT, SHOW VIEW, TRIGGER ON `shop\\_x`.* TO `bk`", "GRANT SELECT ON `sh%`.* TO `bk`"]);
        Assert.True(role.HoldsDatabaseWide("TRIGGER", "shop_x"));
        Assert.False(role.HoldsDatabaseWide("TRIGGER", "shopax"));
        Assert.True(role.HoldsDatabaseWide("SELECT", "shopax"));
        Assert.False(role.HoldsDatabaseWide("SELECT", "other"));
    }
}
