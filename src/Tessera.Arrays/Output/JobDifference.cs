using System.Text.Json.Nodes;

namespace Tessera.Arrays.Output;

/// <summary>Says where two job records differ, for the message that refuses a resume.</summary>
internal static class JobDifference
{
    public static string Describe(JsonNode? recorded, JsonNode? current)
    {
        var differences = new List<string>();
        Walk(recorded, current, "", differences);
        return differences.Count == 0
            ? "The records differ."
            : "Differences (recorded, now): " + string.Join("; ", differences.Take(5)) + (differences.Count > 5 ? $"; and {differences.Count - 5} more." : ".");
    }

    private static void Walk(JsonNode? a, JsonNode? b, string path, List<string> differences)
    {
        if (a is JsonObject oa && b is JsonObject ob)
        {
            foreach (string key in oa.Select(p => p.Key).Union(ob.Select(p => p.Key)))
            {
                Walk(oa[key], ob[key], path.Length == 0 ? key : $"{path}.{key}", differences);
            }
        }
        else if (a is JsonArray aa && b is JsonArray ab && aa.Count == ab.Count)
        {
            for (int i = 0; i < aa.Count; i++)
            {
                Walk(aa[i], ab[i], $"{path}[{i}]", differences);
            }
        }
        else if (!JsonNode.DeepEquals(a, b))
        {
            differences.Add($"{path}: {a?.ToJsonString() ?? "absent"}, {b?.ToJsonString() ?? "absent"}");
        }
    }
}
