using QueryEngine.Engine.Execution.Memory;

namespace QueryEngine.Engine.Execution.Operators.Join.HashJoin;

/// <summary>
/// Collects the probe-side spill partitions of a grace hash join's parallel workers. Each worker adds its partitions
/// once; the last to add gets every worker's files by partition and joins them (no worker waits for another).
/// </summary>
internal sealed class SpilledProbeSides
{
    private readonly List<SpillFile>[] _files = new List<SpillFile>[SpillPartitionWriter.Count];
    private int _remaining;

    public SpilledProbeSides(int workers)
    {
        _remaining = workers;
        for (var p = 0; p < _files.Length; p++) _files[p] = [];
    }

    /// <summary>Adds one worker's partitions; returns all partitions' files to the last worker, null to the others.</summary>
    public IReadOnlyList<SpillFile>[]? Add(SpillFile?[] partitions)
    {
        lock (_files)
        {
            for (var p = 0; p < partitions.Length; p++)
            {
                if (partitions[p] is { } file) _files[p].Add(file);
            }
            _remaining--;
            return _remaining == 0 ? _files : null;
        }
    }
}
