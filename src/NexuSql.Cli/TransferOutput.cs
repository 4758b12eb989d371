using System.Text.Json;
using NexuSql.Backup;

namespace NexuSql.Cli;

/// <summary>What restore and copy print about the functions, procedures, triggers and policies they did not recreate.</summary>
internal static class TransferOutput
{
    /// <summary>The <c>skippedObjects</c> and <c>warnings</c> arrays of the JSON result.</summary>
    public static void WriteSkippedObjects(Utf8JsonWriter w, TransferResult result)
    {
        w.WriteStartArray("skippedObjects");
        foreach (var s in result.SkippedObjects) w.WriteStringValue(s);
        w.WriteEndArray();
        w.WriteStartArray("leftOut");
        foreach (var s in result.LeftOut) w.WriteStringValue(s);
        w.WriteEndArray();
        w.WriteStartArray("warnings");
        foreach (var s in result.Warnings) w.WriteStringValue(s);
        w.WriteEndArray();
    }

    /// <summary>One line per skipped object on stdout; what the schema model left out (<paramref name="what"/>: "the copy") and warnings on stderr.</summary>
    public static void PrintSkippedObjects(TransferResult result, string what)
    {
        Commands.SchemaCommand.WriteLeftOut(result.LeftOut, what);
        if (result.SkippedObjects.Count > 0)
        {
            Console.WriteLine("Not recreated, or not as they were (create them with a migration):");
            foreach (var s in result.SkippedObjects) Console.WriteLine("  " + s);
        }
        foreach (var s in result.Warnings) Console.Error.WriteLine("warning: " + s);
    }
}
