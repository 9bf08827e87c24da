using System.Text.Json.Nodes;

namespace Tessera.Arrays.Output;

/// <summary>
/// Which chunks of an output are complete, by C-order linear chunk index, kept as sorted half-open ranges
/// <c>[[start, stop], …]</c> in the output's attributes so that a long job's record stays small.
/// Thread-safe.
/// </summary>
internal sealed class CompletionRecord
{
    private readonly bool[] _complete;
    private readonly Lock _lock = new();

    public CompletionRecord(long chunkCount)
    {
        _complete = new bool[checked((int)chunkCount)];
    }

    public long Count { get; private set; }

    public long Total => _complete.Length;

    public static CompletionRecord Parse(JsonNode? ranges, long chunkCount, string source)
    {
        var record = new CompletionRecord(chunkCount);
        foreach (var range in ranges as JsonArray ?? [])
        {
            long start = (long?)range?[0] ?? -1, stop = (long?)range?[1] ?? -1;
            if (start < 0 || stop > chunkCount || start >= stop)
            {
                throw new OutputExistsException($"'{source}': completed_chunks holds [{start}, {stop}], outside the {chunkCount} chunks of the array. The record is damaged; start again with --overwrite.");
            }

            for (long i = start; i < stop; i++)
            {
                record.Mark(i);
            }
        }

        return record;
    }

    public bool IsComplete(long linearIndex)
    {
        lock (_lock)
        {
            return _complete[linearIndex];
        }
    }

    public void Mark(long linearIndex)
    {
        lock (_lock)
        {
            if (!_complete[linearIndex])
            {
                _complete[linearIndex] = true;
                Count++;
            }
        }
    }

    public JsonArray ToJson()
    {
        var ranges = new JsonArray();
        lock (_lock)
        {
            for (int i = 0; i < _complete.Length; i++)
            {
                if (!_complete[i])
                {
                    continue;
                }

                int start = i;
                while (i + 1 < _complete.Length && _complete[i + 1])
                {
                    i++;
                }

                ranges.Add(new JsonArray(start, i + 1));
            }
        }

        return ranges;
    }
}
