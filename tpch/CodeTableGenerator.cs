namespace QueryEngine.Tpch;

/// <summary>nation and region (dbgen's mk_nation / mk_region).</summary>
internal sealed class CodeTableGenerator(DistributionSet dists, TpchTextPool pool, bool nation) : ChunkGenerator
{
    private const int CommentAverage = 72;

    public override void Generate(long first, long count, RowBuffer[] outputs)
    {
        var output = outputs[0];
        var stream = nation ? StreamCatalog.NationComment : StreamCatalog.RegionComment;
        var streams = new RowStreams(nation ? StreamCatalog.NationStreams : StreamCatalog.RegionStreams, first);
        var (min, max) = TpchTextPool.Bounds(CommentAverage);
        var names = nation ? dists.Nations : dists.Regions;
        for (var index = first; index < first + count; index++)
        {
            var i = (int)(index - 1);
            output.Reserve(512);
            output.Field(i);
            output.Field(names.Utf8[i]);
            if (nation)
            {
                output.Field(names.RunningWeights[i]);
            }

            output.Field(pool.Text(streams, min, max, stream));
            output.EndRow();
            streams.EndRow();
        }
    }
}
