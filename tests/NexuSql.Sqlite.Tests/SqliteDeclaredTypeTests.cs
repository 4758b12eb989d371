using NexuSql.Schema;

namespace NexuSql.Sqlite.Tests;

/// <summary>SQLite declared types read as portable types (the inverse of what NexuSQL declares, plus other engines' names).</summary>
public class SqliteDeclaredTypeTests
{
    [Theory]
    // break test 30 F8: FLOAT is what ORMs declare for a double (SQLite keeps an 8-byte REAL); NexuSQL declares float32 FLOAT4
    [InlineData("FLOAT", "float64")]
    [InlineData("float", "float64")]
    [InlineData("FLOAT(53)", "float64")]
    [InlineData("FLOAT(24)", "float64")]
    [InlineData("FLOAT4", "float32")]
    [InlineData("float8", "float64")]
    [InlineData("FLOAT8", "float64")]
    [InlineData("REAL", "float64")]
    [InlineData("DOUBLE PRECISION", "float64")]
    [InlineData("INT8", "int64")]
    [InlineData("INT4", "int32")]
    [InlineData("INT2", "int16")]
    [InlineData("NUMERIC(10,2)", "decimal(10,2)")]
    // MySQL's unsigned integers in a schema written for MySQL (h82: native, they refused every number in import)
    [InlineData("INT UNSIGNED", "int64")]
    [InlineData("integer unsigned", "int64")]
    [InlineData("BIGINT UNSIGNED", "int64")]
    [InlineData("TINYINT UNSIGNED", "int16")]
    [InlineData("SMALLINT UNSIGNED", "int32")]
    [InlineData("MEDIUMINT UNSIGNED", "int32")]
    [InlineData("DOUBLE UNSIGNED", "float64")]
    [InlineData("DECIMAL UNSIGNED(10,2)", "decimal(10,2)")]
    public void MapType_reads_numbers_by_their_names_on_sqlite_and_other_engines(string declared, string portable)
    {
        // break test 29 M5: FLOAT8 and FLOAT4 were engine-native, and import, seed and copy refused every number in them
        Assert.Equal(ColumnType.Parse(portable), SqliteSchemaReader.MapType(declared));
    }
}
