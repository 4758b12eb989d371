using NexuSql.MySql;

namespace NexuSql.MySql.Tests;

/// <summary>The DEFINER clause of SHOW CREATE text is left out: routines are recreated as the user who restores them.</summary>
public class MySqlRoutineReaderTests
{
    [Theory]
    [InlineData("CREATE DEFINER=`root`@`localhost` PROCEDURE `p`(IN n INT)\nBEGIN SELECT n; END", "CREATE PROCEDURE `p`(IN n INT)\nBEGIN SELECT n; END")]
    [InlineData("CREATE DEFINER=`app user`@`%` FUNCTION `f`(x INT) RETURNS int(11)\n    DETERMINISTIC\nRETURN x * 2", "CREATE FUNCTION `f`(x INT) RETURNS int(11)\n    DETERMINISTIC\nRETURN x * 2")]
    [InlineData("CREATE DEFINER='root'@'10.0.0.%' FUNCTION f() RETURNS INT RETURN 1", "CREATE FUNCTION f() RETURNS INT RETURN 1")]
    [InlineData("CREATE DEFINER=CURRENT_USER PROCEDURE p() SELECT 'DEFINER=`x`@`y`'", "CREATE PROCEDURE p() SELECT 'DEFINER=`x`@`y`'")]
    [InlineData("CREATE PROCEDURE p() SELECT 1", "CREATE PROCEDURE p() SELECT 1")]
    public void WithoutDefiner_leaves_out_the_definer_clause_only(string shown, string expected) =>
        Assert.Equal(expected, MySqlRoutineReader.WithoutDefiner(shown));
}
